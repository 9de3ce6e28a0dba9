package org.tailor.segments.internal;

import java.util.Optional;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.PurchaseCondition;

/**
 * Attribute and purchase-figure conditions in SQL, with {@link AttributeEvaluation}'s reading of
 * the profile: the attribute, else the profile's identity in that namespace (the first by the
 * order in which the store loads identities); a purchase amount that is missing reads as 0.
 */
final class AttributeSql {

    private AttributeSql() {
    }

    static Optional<SqlFragment> attribute(AttributeCondition c, SqlScope scope) {
        if (!ComparisonSql.bindableText(c.attribute())) {
            return Optional.empty();
        }
        return ComparisonSql.test(c.op(), c.value()).map(test -> holds(test, value(c.attribute())));
    }

    static Optional<SqlFragment> purchase(PurchaseCondition c, SqlScope scope) {
        SqlFragment figure = SqlFragment.format("{} -> {}", StoredValueSql.document("p.attributes"),
                SqlFragment.param(c.field().attribute(), "text"));
        SqlFragment json = c.field().zeroWhenMissing() ? SqlFragment.format("COALESCE({}, '0'::json)", figure) : figure;
        return ComparisonSql.test(c.op(), c.value()).map(test -> holds(test, json));
    }

    /** The JSON value {@link AttributeEvaluation#valueOf} reads for profile {@code p}, or NULL. */
    static SqlFragment value(String name) {
        // The first by the aggregate's ORDER BY, not ORDER BY ... LIMIT 1: that invites PostgreSQL to walk the
        // primary key (namespace, identity_value) through every identity of the namespace for each profile.
        return SqlFragment.format("COALESCE({} -> {}, to_json((SELECT (array_agg(i.identity_value ORDER BY i.identity_value))[1]"
                        + " FROM profile_identities i WHERE i.profile_id = p.id AND i.namespace = {})))",
                StoredValueSql.document("p.attributes"), SqlFragment.param(name, "text"), SqlFragment.param(name, "text"));
    }

    /** Whether a test over {@code v} holds for the JSON value decoded as {@code v}. */
    static SqlFragment holds(SqlFragment test, SqlFragment json) {
        return SqlFragment.format("COALESCE((SELECT {} FROM {} v), FALSE)", test, StoredValueSql.decoded(json));
    }
}
