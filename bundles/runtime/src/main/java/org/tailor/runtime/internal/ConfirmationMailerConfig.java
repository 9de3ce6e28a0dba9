package org.tailor.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor double opt-in confirmations",
        description = "The message that asks a person to confirm a purpose, and how often one may be sent.")
@interface ConfirmationMailerConfig {

    @AttributeDefinition(name = "From", description = "The RFC 5322 From address of confirmation messages.")
    String from_address() default "no-reply@localhost";

    @AttributeDefinition(name = "Subject", description = "Subject line; {purpose} is replaced.")
    String subject() default "Please confirm your subscription";

    @AttributeDefinition(name = "Text",
            description = "Plain text of the message; {purpose}, {confirm_url} and {expires} are replaced. "
                    + "Paragraphs are separated by a blank line (\\n\\n); the HTML part is made from it.")
    String text() default "Please confirm that you want {purpose} messages from us by opening this link:\n\n"
            + "{confirm_url}\n\nThe link works until {expires}. If you did not ask for this, ignore this message: "
            + "without your confirmation you will not hear from us.";

    @AttributeDefinition(name = "Interval (minutes)",
            description = "At most one confirmation per person and purpose in this many minutes.")
    long interval_minutes() default 10;

    @AttributeDefinition(name = "Transport", description = "The tailor.transport name to relay through.")
    String transport() default "file";

    @AttributeDefinition(name = "Retry (seconds)",
            description = "How often confirmations left in the outbox by an unavailable transport are relayed again.")
    long retry_seconds() default 60;
}
