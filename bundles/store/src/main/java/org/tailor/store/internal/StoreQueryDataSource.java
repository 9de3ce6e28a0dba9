package org.tailor.store.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The store's connections for queries the segment evaluator compiles to SQL (audiences and counts
 * over millions of profiles run where the data is). Registered with {@code tailor.store=query} so
 * that no other DataSource in the container is taken for it by mistake. Every connection it hands
 * out is read-only: it serves queries, and the stores stay the only writers.
 */
@Component(service = DataSource.class, property = "tailor.store=query")
public final class StoreQueryDataSource implements DataSource {

    private final DataSource pool;

    @Activate
    public StoreQueryDataSource(@Reference JdbcStore db) {
        this.pool = db.pool();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = pool.getConnection();
        connection.setReadOnly(true);
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's connections use the store's own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's pool is configured by the store");
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's pool is configured by the store");
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the store logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("the store's pool is not exposed");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
