package org.tailor.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor store",
        description = "The database that holds profiles, events, orders, merges, consent history, the outbox, "
                + "dead letters and connector state: embedded H2 or PostgreSQL.")
@interface JdbcStoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "JDBC URL of the database: jdbc:h2:... for H2, jdbc:postgresql://host:5432/db for PostgreSQL "
                    + "(add ?currentSchema=name for a schema other than public). Blank: an embedded H2 file database at "
                    + "${karaf.data}/tailor/tailor (data/tailor/tailor without Karaf). A URL given here is used as is.")
    String jdbc_url() default "";

    @AttributeDefinition(name = "User", description = "Database user; set it for PostgreSQL.")
    String jdbc_user() default "sa";

    @AttributeDefinition(name = "Password", description = "Database password; empty for a new embedded database "
            + "or a PostgreSQL server that trusts the user.",
            type = AttributeType.PASSWORD)
    String jdbc_password() default "";

    @AttributeDefinition(name = "Pool size", description = "Most connections open at once (at least 1).", min = "1")
    int pool_size() default 4;
}
