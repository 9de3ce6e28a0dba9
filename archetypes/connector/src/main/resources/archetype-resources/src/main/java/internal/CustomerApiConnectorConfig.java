package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "${connectorName} customers connector",
        description = "Imports customers from a partner REST API, page by page since the last stored cursor."
                + " One configuration per API account.")
@interface CustomerApiConnectorConfig {

    @AttributeDefinition(name = "Connector name",
            description = "Shown by tailor:connector-list and used to keep this connector's cursor apart from every"
                    + " other connector's; must be unique among the connectors of one Tailor.")
    String connector_name() default "${connectorName}";

    @AttributeDefinition(name = "API base URL",
            description = "For example https://api.example.com/v1; the connector reads GET <base URL>/customers."
                    + " Required.")
    String base_url() default "";

    // The leading underscore makes the property private (".api.token"), so the token is never published as a
    // service property where any bundle could read it.
    @AttributeDefinition(name = "API token", type = AttributeType.PASSWORD,
            description = "Sent as 'Authorization: Bearer <token>'; blank sends no Authorization header.")
    String _api_token() default "";

    @AttributeDefinition(name = "Page size", description = "Customers asked for per request (1 to 1000).")
    int page_size() default 100;

    @AttributeDefinition(name = "Pages per poll",
            description = "At most this many pages are read in one poll, so that a long backlog is imported over"
                    + " several polls and the bundle can stop between them.")
    int max_pages_per_poll() default 50;

    @AttributeDefinition(name = "Request timeout (ms)",
            description = "How long one request may take, connecting included, before the poll fails and is retried later.")
    long request_timeout_ms() default 30000;

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "Milliseconds between two polls; published as the service property tailor.connector.interval,"
                    + " which Tailor's connector scheduler honours.")
    long tailor_connector_interval() default 60000;
}
