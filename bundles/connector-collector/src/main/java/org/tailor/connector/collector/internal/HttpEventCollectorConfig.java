package org.tailor.connector.collector.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor event collector",
        description = "HTTP intake for Segment tracking calls (identify, track, page, screen, alias, group, batch),"
                + " on the OSGi HTTP Whiteboard.")
@interface HttpEventCollectorConfig {

    @AttributeDefinition(name = "Path",
            description = "Whiteboard servlet pattern the collector answers under; clients post to <base>/v1/<call>."
                    + " Must end in /*.")
    String osgi_http_whiteboard_servlet_pattern() default HttpEventCollector.DEFAULT_PATTERN;

    @AttributeDefinition(name = "Largest single call (bytes)",
            description = "Most bytes of JSON in one call, alone or inside a batch (Segment: 32 KB).")
    int max_call_bytes() default 32 * 1024;

    @AttributeDefinition(name = "Largest batch (bytes)",
            description = "Most bytes of JSON in one batch request, after gunzip (Segment: 500 KB). Bodies are cut"
                    + " off at this size while being decompressed.")
    int max_batch_bytes() default 500 * 1024;

    @AttributeDefinition(name = "Allowed origin",
            description = "Access-Control-Allow-Origin sent to browsers (analytics.js posts cross-origin);"
                    + " * for any site, or one origin such as https://shop.example.com; blank sends none.")
    String allowed_origin() default "*";
}
