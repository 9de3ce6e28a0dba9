package org.tailor.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor file transport",
        description = "Delivers messages as .eml files, one folder per campaign; for demos, tests and pickup directories.")
@interface FileTransportConfig {

    @AttributeDefinition(name = "Directory",
            description = "Folder the campaign folders are written to; blank means ${karaf.data}/outbox.")
    String directory() default "";
}
