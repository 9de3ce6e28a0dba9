package org.tailor.segments.internal;

/**
 * An attribute condition compiled: the attribute's code, else the identity's in the namespace of
 * that name, as {@link AttributeEvaluation#valueOf} reads them, tested once per distinct value.
 */
final class AttributeCheck implements CompiledCondition {

    private final CodeColumn attribute;
    private final CodeColumn identity;
    private final ValueCheck onAttribute;
    private final ValueCheck onIdentity;

    AttributeCheck(Rule.AttributeCondition c, ProfileTable profiles) {
        attribute = profiles.attribute(c.attribute());
        identity = profiles.identity(c.attribute());
        onAttribute = new ValueCheck(c.op(), c.value(), attribute.values);
        onIdentity = new ValueCheck(c.op(), c.value(), identity.values);
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        int code = attribute.codes[row];
        return code != ValueDictionary.MISSING ? onAttribute.test(code) : onIdentity.test(identity.codes[row]);
    }

    @Override
    public int cost() {
        return 1;
    }
}
