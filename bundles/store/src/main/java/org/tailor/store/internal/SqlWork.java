package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection; see {@link JdbcStore}. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
