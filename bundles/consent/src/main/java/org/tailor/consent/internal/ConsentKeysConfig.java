package org.tailor.consent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor consent keys",
        description = "The keys of the suppression list and of the signed links, in etc/org.tailor.consent.keys.cfg; "
                + "blank keys are generated into it at first start. Back the file up.")
@interface ConsentKeysConfig {

    @AttributeDefinition(name = "Suppression key", type = AttributeType.PASSWORD,
            description = "Base64 key of the suppression list's HMAC. Generated at first start; changing it makes every"
                    + " stored suppression unmatchable. Never logged; a private property (leading dot), so it is not"
                    + " copied into service properties.")
    String _suppression_key() default "";

    @AttributeDefinition(name = "Token key", type = AttributeType.PASSWORD,
            description = "Base64 key that signs confirmation, unsubscribe and preference links. Generated at first"
                    + " start; changing it voids every link already sent. Never logged.")
    String _token_key() default "";
}
