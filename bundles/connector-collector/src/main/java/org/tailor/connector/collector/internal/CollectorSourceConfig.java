package org.tailor.connector.collector.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor event collector source",
        description = "One source of tracking calls (a website, an app, a server) and the write key it sends."
                + " Create one configuration per source, for example etc/org.tailor.connector.collector.source-web.cfg.")
@interface CollectorSourceConfig {

    @AttributeDefinition(name = "Name",
            description = "Short name of the source; records are stored with source collector:<name>.")
    String name() default "default";

    @AttributeDefinition(name = "Write key", type = AttributeType.PASSWORD,
            description = "The key clients send as the Basic user name or as writeKey in the body. Use a long random"
                    + " value (for example openssl rand -hex 24); a source without a key accepts nothing.")
    String write_key() default "";
}
