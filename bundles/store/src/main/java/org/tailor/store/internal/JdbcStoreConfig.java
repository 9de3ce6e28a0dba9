package org.tailor.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor store",
        description = "The database that holds profiles, events, consent history and the outbox.")
@interface JdbcStoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "H2 URL of the database. Blank: an embedded file database at "
                    + "${karaf.data}/tailor/tailor (data/tailor/tailor without Karaf). A URL given here is used as is.")
    String jdbc_url() default "";

    @AttributeDefinition(name = "User", description = "Database user.")
    String jdbc_user() default "sa";

    @AttributeDefinition(name = "Password", description = "Database password; empty for a new embedded database.",
            type = AttributeType.PASSWORD)
    String jdbc_password() default "";

    @AttributeDefinition(name = "Pool size", description = "Most connections open at once (at least 1).", min = "1")
    int pool_size() default 4;
}
