package org.tailor.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Tailor SMTP transport",
        description = "Relays messages to an SMTP server over pooled, reused connections, with TLS, authentication, "
                + "rate limits and retries. Select it with transport = smtp in org.tailor.runtime.")
@interface SmtpTransportConfig {

    @AttributeDefinition(name = "Host", description = "The SMTP server (relay or smarthost) to send through.")
    String host() default "localhost";

    @AttributeDefinition(name = "Port",
            description = "0 means the usual port for the TLS mode: 25 for none and starttls, 587 for "
                    + "required-starttls, 465 for smtps.")
    int port() default 0;

    @AttributeDefinition(name = "TLS mode",
            description = "none: plain text. starttls: encrypt when the server offers STARTTLS. required-starttls: "
                    + "STARTTLS or no connection. smtps: TLS from the first byte. The server's certificate and "
                    + "host name are always checked when TLS is used.",
            options = {
                @Option(label = "none", value = "none"),
                @Option(label = "starttls (opportunistic)", value = "starttls"),
                @Option(label = "required-starttls", value = "required-starttls"),
                @Option(label = "smtps (implicit TLS)", value = "smtps")
            })
    String tls_mode() default "starttls";

    @AttributeDefinition(name = "User name",
            description = "Blank sends no AUTH. Credentials are only sent with tls.mode required-starttls or smtps.")
    String username() default "";

    /**
     * The leading underscore makes the key {@code .password}: Declarative Services keeps properties
     * whose names start with a dot off the service registration, where {@code service:list} would show it.
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "The password for the user name (key .password, with the dot, so that it is not published "
                    + "as a service property); never logged.")
    String _password() default "";

    @AttributeDefinition(name = "Envelope sender",
            description = "The MAIL FROM address, where bounces go; blank uses the message's From address.")
    String envelope_from() default "";

    @AttributeDefinition(name = "HELO name",
            description = "The name given in EHLO/HELO; blank uses this machine's host name.")
    String helo_name() default "";

    @AttributeDefinition(name = "Connection timeout (ms)", description = "How long to wait for a connection to open.")
    int connection_timeout_ms() default 10_000;

    @AttributeDefinition(name = "Read timeout (ms)",
            description = "How long to wait for each server reply, and for each write to the server.")
    int read_timeout_ms() default 60_000;

    @AttributeDefinition(name = "Messages per connection",
            description = "A connection is closed and a new one opened after this many messages; 0 means no limit.")
    int max_messages_per_connection() default 100;

    @AttributeDefinition(name = "Concurrency",
            description = "How many connections may be open at once; each is reused between messages.")
    int concurrency() default 2;

    @AttributeDefinition(name = "Messages per second",
            description = "Token bucket: at most this many at once after a quiet spell, then this many per second "
                    + "on average; 0 means no limit.")
    int rate_per_second() default 0;

    @AttributeDefinition(name = "Messages per minute",
            description = "Token bucket: at most this many at once after a quiet spell, then this many per minute "
                    + "on average; 0 means no limit.")
    int rate_per_minute() default 0;

    @AttributeDefinition(name = "Retries",
            description = "How many more times a message is tried after a temporary failure (a 4xx reply or a "
                    + "broken connection) before it is left in the outbox for the next send.")
    int retries() default 3;

    @AttributeDefinition(name = "First retry delay (ms)", description = "Doubled for every further retry.")
    long retry_initial_backoff_ms() default 1_000;

    @AttributeDefinition(name = "Longest retry delay (ms)", description = "The cap on the doubled retry delay.")
    long retry_max_backoff_ms() default 30_000;
}
