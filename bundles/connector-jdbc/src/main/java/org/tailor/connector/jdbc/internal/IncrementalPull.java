package org.tailor.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.store.ConnectorStateStore;
import org.tailor.api.store.StoreException;

/**
 * One poll: reads again the overlap window before the watermark (if one is set), then every row
 * after the watermark, batch by batch, on one connection.
 *
 * <p>The watermark only moves forward, and only over rows that were handed to ingest and came back
 * (accepted or rejected): after each whole batch, and, when ingest or the database fails in the
 * middle of one, up to the last row handed over, so that the next poll resumes exactly there.
 */
final class IncrementalPull {

    static final String WATERMARK_KEY = "watermark";

    private final PullSpec spec;
    private final DataSource dataSource;
    private final ConnectorStateStore state;
    private final PullCounters counters;
    private final RecentRows recent;
    private Optional<Watermark> watermark;
    // Decided from the first row read in this poll.
    private TimeKey.Kind timeKind;
    private IdKey.Kind idKind;

    IncrementalPull(PullSpec spec, DataSource dataSource, ConnectorStateStore state, PullCounters counters,
                    RecentRows recent) {
        this.spec = spec;
        this.dataSource = dataSource;
        this.state = state;
        this.counters = counters;
        this.recent = recent;
    }

    /** Where the pull stands, for error messages: the watermark, or "the start". */
    String position() {
        return watermark == null || watermark.isEmpty() ? "the start" : "watermark " + watermark.get();
    }

    void run(RecordSink sink) throws SQLException, InterruptedException {
        watermark = Watermark.decode(state.get(spec.name(), WATERMARK_KEY));
        watermark.ifPresent(w -> counters.newestImported(w.time().instant(spec.zone())));
        try (Connection connection = dataSource.getConnection()) {
            String quote = connection.getMetaData().getIdentifierQuoteString();
            KeysetQueries queries = new KeysetQueries(spec, quote);
            Optional<LineItems> items = spec.items().map(i -> new LineItems(i, quote, spec.zone()));
            if (watermark.isPresent() && !spec.overlap().isZero()) {
                rereadWindow(connection, queries, items, watermark.get(), sink);
            }
            pullNew(connection, queries, items, sink);
        }
    }

    private void rereadWindow(Connection connection, KeysetQueries queries, Optional<LineItems> items, Watermark upTo,
                              RecordSink sink) throws SQLException, InterruptedException {
        recent.retainWindow(upTo.time(), spec.overlap());
        TimeKey from = upTo.time().minus(spec.overlap());
        Watermark last = null;
        while (true) {
            List<Row> batch;
            if (last == null) {
                try (PreparedStatement statement = connection.prepareStatement(queries.window(upTo.id()))) {
                    from.bind(statement, 1);
                    bindUpTo(statement, 2, upTo);
                    batch = read(statement, queries);
                }
            } else {
                try (PreparedStatement statement = connection.prepareStatement(queries.windowAfter(last.id(), upTo.id()))) {
                    bindAfter(statement, 1, last);
                    bindUpTo(statement, 4, upTo);
                    batch = read(statement, queries);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            hand(connection, items, batch, sink, false);
            last = batch.get(batch.size() - 1).key();
            if (batch.size() < spec.batchSize()) {
                return;
            }
            stopIfInterrupted();
        }
    }

    private void pullNew(Connection connection, KeysetQueries queries, Optional<LineItems> items, RecordSink sink)
            throws SQLException, InterruptedException {
        while (true) {
            List<Row> batch;
            if (watermark.isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement(queries.fromStart())) {
                    batch = read(statement, queries);
                }
            } else {
                try (PreparedStatement statement = connection.prepareStatement(queries.after(watermark.get().id()))) {
                    bindAfter(statement, 1, watermark.get());
                    batch = read(statement, queries);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            hand(connection, items, batch, sink, true);
            if (batch.size() < spec.batchSize()) {
                return;
            }
            stopIfInterrupted();
        }
    }

    private static void bindAfter(PreparedStatement statement, int index, Watermark after) throws SQLException {
        after.time().bind(statement, index);
        after.time().bind(statement, index + 1);
        after.id().bind(statement, index + 2);
    }

    private static void bindUpTo(PreparedStatement statement, int index, Watermark upTo) throws SQLException {
        upTo.time().bind(statement, index);
        upTo.time().bind(statement, index + 1);
        upTo.id().bind(statement, index + 2);
    }

    private List<Row> read(PreparedStatement statement, KeysetQueries queries) throws SQLException {
        statement.setMaxRows(spec.batchSize());
        statement.setFetchSize(spec.batchSize());
        List<SqlName> columns = spec.columns().columns();
        List<Row> batch = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            ColumnValues values = new ColumnValues(rows.getMetaData(), spec.zone());
            while (rows.next()) {
                if (timeKind == null) {
                    timeKind = TimeKey.kindOf(rows, KeysetQueries.TIMESTAMP_INDEX);
                    idKind = IdKey.kindOf(rows.getMetaData(), KeysetQueries.ID_INDEX);
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    fields.put(spec.columns().field(columns.get(c)), values.read(rows, KeysetQueries.FIRST_MAPPED_INDEX + c));
                }
                batch.add(new Row(TimeKey.read(rows, KeysetQueries.TIMESTAMP_INDEX, timeKind),
                        IdKey.read(rows, KeysetQueries.ID_INDEX, idKind), fields));
            }
        }
        return batch;
    }

    /**
     * Hands every row of the batch to the sink in one call. With {@code advance}, moves the watermark
     * past the batch once the sink has answered for all of it.
     */
    private void hand(Connection connection, Optional<LineItems> items, List<Row> batch, RecordSink sink,
                      boolean advance) throws SQLException {
        boolean overlap = !spec.overlap().isZero();
        List<Row> toHand = overlap ? batch.stream().filter(r -> !recent.contains(r)).toList() : batch;
        if (items.isPresent() && !toHand.isEmpty()) {
            items.get().attach(connection, toHand);
        }
        // One hand-over per batch: ingest stores it in a few round trips. If it fails, none of the
        // batch counts as handed and the watermark stays, so the whole batch comes again (ingest is idempotent).
        List<InboundRecord> records = new java.util.ArrayList<>(toHand.size());
        for (Row row : toHand) {
            records.add(new InboundRecord(spec.source(), spec.table() + " " + spec.idColumn() + "=" + row.id(), spec.kind(), row.fields()));
        }
        var results = records.isEmpty() ? List.<org.tailor.api.ingest.IngestResult>of() : sink.acceptAll(records);
        for (int i = 0; i < toHand.size(); i++) {
            if (results.get(i).isAccepted()) {
                counters.countAccepted();
            } else {
                counters.countRejected();
            }
            if (overlap) {
                recent.add(toHand.get(i));
            }
        }
        if (advance) {
            // Rows skipped as already handed still move the watermark: they were handed earlier in this run.
            save(batch.get(batch.size() - 1).key());
        }
        counters.batchDone();
    }

    private void save(Watermark next) {
        state.put(spec.name(), WATERMARK_KEY, next.encode());
        watermark = Optional.of(next);
        counters.newestImported(next.time().instant(spec.zone()));
        if (!spec.overlap().isZero()) {
            recent.trimWhenGrown(next.time(), spec.overlap());
        }
    }

    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped between two batches; the watermark is saved");
        }
    }
}
