package org.tailor.connector.jdbc.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.store.ConnectorStateStore;
import org.tailor.api.store.StoreException;

/**
 * Pulls the rows of one table or view that changed since the last poll, in (timestamp, id) order,
 * and hands each to ingest as a customer, order or event. One instance per factory configuration of
 * {@code org.tailor.connector.jdbc}; the data source is the {@code javax.sql.DataSource} service that
 * {@code dataSource.target} selects. The watermark lives in the {@link ConnectorStateStore}, so a
 * restart continues where the last run stopped.
 *
 * <p>A configuration that cannot work still registers the connector, so that its status names the
 * property at fault on the console; every poll then fails with that message.
 */
@Component(service = Connector.class, configurationPid = "org.tailor.connector.jdbc",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JdbcConnectorConfig.class, factory = true)
public final class JdbcConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConnector.class);

    private final String name;
    private final PullSpec spec;
    private final String configurationProblem;
    private final DataSource dataSource;
    private final ConnectorStateStore state;
    private final Clock clock;
    private final PullCounters counters = new PullCounters();
    // Touched by the polling thread only: polls never overlap.
    private final RecentRows recent = new RecentRows();

    @Activate
    public JdbcConnector(JdbcConnectorConfig config, Map<String, Object> properties,
                         @Reference(name = "dataSource") DataSource dataSource, @Reference ConnectorStateStore state) {
        this(config, (String) properties.get("service.pid"), dataSource, state, Clock.systemUTC());
    }

    JdbcConnector(JdbcConnectorConfig config, DataSource dataSource, ConnectorStateStore state, Clock clock) {
        this(config, null, dataSource, state, clock);
    }

    /**
     * @param pid the configuration's PID, whose name part ({@code crm} of {@code org.tailor.connector.jdbc~crm},
     *     as Karaf names the configuration of {@code etc/org.tailor.connector.jdbc-crm.cfg}) names the connector
     *     when {@code name} is blank; may be null
     */
    JdbcConnector(JdbcConnectorConfig config, String pid, DataSource dataSource, ConnectorStateStore state, Clock clock) {
        this.dataSource = dataSource;
        this.state = state;
        this.clock = clock;
        String defaultName = nameFromPid(pid);
        PullSpec checked = null;
        String problem = "";
        try {
            checked = PullSpec.of(config, defaultName);
        } catch (ConfigurationException e) {
            problem = "configuration: " + e.getMessage();
        }
        this.spec = checked;
        this.configurationProblem = problem;
        this.name = checked != null ? checked.name()
                : config.name() == null || config.name().isBlank() ? defaultName : config.name().trim();
        if (checked == null) {
            counters.error(clock.instant(), problem);
            LOG.warn("JDBC connector {} cannot poll, {}", name, problem);
        }
    }

    static String nameFromPid(String pid) {
        if (pid == null || pid.isBlank()) {
            return "jdbc";
        }
        String prefix = "org.tailor.connector.jdbc";
        int tilde = pid.indexOf('~');
        String part = tilde >= 0 ? pid.substring(tilde + 1)
                : "jdbc-" + (pid.startsWith(prefix + ".") ? pid.substring(prefix.length() + 1) : pid);
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return cleaned.isEmpty() ? "jdbc" : cleaned.substring(0, Math.min(64, cleaned.length()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void poll(RecordSink sink) throws PullFailedException, InterruptedException {
        if (spec == null) {
            throw failed(configurationProblem, null);
        }
        IncrementalPull pull = new IncrementalPull(spec, dataSource, state, counters, recent);
        long acceptedBefore = counters.accepted();
        long rejectedBefore = counters.rejected();
        try {
            pull.run(sink);
            counters.pollFinished(clock.instant(), true);
            long accepted = counters.accepted() - acceptedBefore;
            long rejected = counters.rejected() - rejectedBefore;
            if (accepted + rejected > 0) {
                LOG.info("{}: pulled {} rows from {} ({} accepted, {} rejected), now at {}", name, accepted + rejected,
                        spec.table(), accepted, rejected, pull.position());
            }
        } catch (SQLException e) {
            throw failed("reading " + spec.table() + " after " + pull.position() + " failed: " + sqlMessage(e)
                    + "; the next poll resumes from there", e);
        } catch (StoreException e) {
            throw failed("the state store or ingest failed after " + pull.position() + ": " + oneLine(e.getMessage())
                    + "; the next poll resumes from there", e);
        } catch (ConfigurationException e) {
            throw failed("configuration: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw failed("stopped at " + pull.position() + ": " + oneLine(message) + "; the next poll tries again", e);
        } catch (InterruptedException e) {
            counters.pollFinished(clock.instant(), false);
            throw e;
        }
    }

    private PullFailedException failed(String message, Exception cause) {
        counters.pollFailed(clock.instant(), message);
        return new PullFailedException(name + ": " + message, cause);
    }

    private static String sqlMessage(SQLException e) {
        String state = e.getSQLState() == null ? "" : "[SQLState " + e.getSQLState() + "] ";
        return state + oneLine(e.getMessage());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    @Override
    public ConnectorStatus status() {
        Optional<Duration> lag = counters.newestImported().map(newest -> {
            Duration behind = Duration.between(newest, clock.instant());
            return behind.isNegative() ? Duration.ZERO : behind;
        });
        return new ConnectorStatus(name, counters.idle(), counters.accepted(), counters.rejected(),
                counters.batchesDone(), counters.pollsFailed(), counters.lastError(), counters.lastRunAt(), lag);
    }
}
