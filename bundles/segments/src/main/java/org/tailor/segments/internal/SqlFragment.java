package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL with the values of its {@code ?} placeholders, in the order they appear. Rule
 * literals only ever travel as parameters; the text holds nothing but code written here.
 * Immutable.
 */
record SqlFragment(String sql, List<Object> params) {

    static final SqlFragment TRUE = of("TRUE");
    static final SqlFragment FALSE = of("FALSE");

    SqlFragment {
        Objects.requireNonNull(sql, "sql");
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, List.of(params));
    }

    /**
     * Fills a template: each {@code {}} is replaced by the next fragment, whose parameters join
     * in place.
     */
    static SqlFragment format(String template, SqlFragment... parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int at = 0;
        for (SqlFragment part : parts) {
            int hole = template.indexOf("{}", at);
            if (hole < 0) {
                throw new IllegalArgumentException("more parts than holes in: " + template);
            }
            sql.append(template, at, hole);
            sql.append(part.sql);
            params.addAll(part.params);
            at = hole + 2;
        }
        if (template.indexOf("{}", at) >= 0) {
            throw new IllegalArgumentException("more holes than parts in: " + template);
        }
        sql.append(template, at, template.length());
        return new SqlFragment(sql.toString(), params);
    }

    /** The fragments joined by {@code separator}, each in parentheses. */
    static SqlFragment join(String separator, List<SqlFragment> parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment part : parts) {
            if (sql.length() > 0) {
                sql.append(separator);
            }
            sql.append('(').append(part.sql).append(')');
            params.addAll(part.params);
        }
        return new SqlFragment(sql.toString(), params);
    }

    /** True when every part is; TRUE for none. */
    static SqlFragment and(List<SqlFragment> parts) {
        return parts.isEmpty() ? TRUE : join(" AND ", parts);
    }

    /** True when some part is; FALSE for none. */
    static SqlFragment or(List<SqlFragment> parts) {
        return parts.isEmpty() ? FALSE : join(" OR ", parts);
    }

    static SqlFragment not(SqlFragment part) {
        return format("NOT ({})", part);
    }

    /** A parameter cast to a type, so that PostgreSQL never has to guess it. */
    static SqlFragment param(Object value, String type) {
        return of("?::" + type, value);
    }
}
