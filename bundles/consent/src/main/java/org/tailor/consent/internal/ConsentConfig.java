package org.tailor.consent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor consent",
        description = "Purposes, personalization attributes, the check cache, signing keys and the public links of"
                + " the consent service (PID org.tailor.consent).")
@interface ConsentConfig {

    @AttributeDefinition(name = "Purposes",
            description = "Every purpose consent can be given for. An entry or check for another purpose is refused."
                    + " Do not remove a purpose that has history: new entries for it would be refused.")
    String[] purposes() default {"email_marketing", "personalization", "analytics", "sale_sharing"};

    @AttributeDefinition(name = "Email purposes",
            description = "Purposes that send email: a check for them also says no when the person's address is suppressed.")
    String[] email_purposes() default {"email_marketing"};

    @AttributeDefinition(name = "Generic attributes",
            description = "Attributes personalization may always read, also without consent for profiling.")
    String[] generic_attributes() default {"first_name", "locale", "time_zone"};

    @AttributeDefinition(name = "Attributes by purpose",
            description = "purpose=attribute,attribute,... : what a granted purpose lets personalization read"
                    + " beyond the generic set; purpose=* for every attribute.")
    String[] purpose_attributes() default {"personalization=*"};

    @AttributeDefinition(name = "Cached people",
            description = "How many people's current consent the check cache holds; the least used are dropped first. About"
                    + " 550 bytes of heap each: 100,000 take about 55 MB, a million about 550 MB.")
    int cache_size() default 100_000;

    @AttributeDefinition(name = "Cache lifetime (s)",
            description = "How long a cached answer is used at most. Changes made through this node take effect at"
                    + " once; this bounds how long one made directly in the database or on another node can go unseen.")
    long cache_ttl_seconds() default 300;

    @AttributeDefinition(name = "Public URL",
            description = "The absolute http(s) URL under which the consent pages are reached from outside"
                    + " (the servlet pattern's base); links in messages start with it.")
    String public_url() default "http://127.0.0.1:8181/tailor/consent";

    @AttributeDefinition(name = "Unsubscribe mailbox",
            description = "The address of the mailto: unsubscribe link (RFC 2369).")
    String unsubscribe_mailto() default "unsubscribe@localhost";

    @AttributeDefinition(name = "Confirmation link lifetime (h)")
    int confirm_ttl_hours() default 72;

    @AttributeDefinition(name = "Unsubscribe and preference link lifetime (days)",
            description = "At least 30: CAN-SPAM wants an unsubscribe link to work for 30 days after sending.")
    int link_ttl_days() default 90;

    @AttributeDefinition(name = "Consent texts",
            description = "Folder of <purpose>.txt files: the wording shown when asking. Its first line is"
                    + " 'version: <v>'; the ledger records that version and the SHA-256 of the file. Blank: ${karaf.etc}/tailor/consent.")
    String texts_directory() default "";

    @AttributeDefinition(name = "Path",
            description = "Whiteboard servlet pattern of the consent pages: <base>/unsubscribe, /confirm, /preferences.")
    String osgi_http_whiteboard_servlet_pattern() default "/tailor/consent/*";
}
