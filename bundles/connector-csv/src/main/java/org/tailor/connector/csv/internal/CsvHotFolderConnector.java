package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;

/**
 * One hot folder, configured by one factory configuration {@code org.tailor.connector.csv-<name>.cfg}
 * and called {@code csv-<name>}: imports {@code customers*}, {@code orders*} and {@code events*} files,
 * CSV or JSON lines, dropped into its inbox. Each poll first re-imports a file a crash left in
 * {@code processing/} (ingest is idempotent, so that duplicates nothing), then claims each settled
 * file by an atomic move and imports it record by record. Imported files end in {@code done/}, with
 * their rejected records in {@code done/<name>.rejects.csv}; files that cannot be imported at all end
 * in {@code failed/} with {@code <name>.error.txt} saying why.
 *
 * <p>A configuration that cannot work (a bad mapping, a name that cannot be used, an inbox another
 * configuration already has) still registers the connector, so that the console shows why it imports
 * nothing; it then polls without touching any file.
 */
@Component(service = Connector.class, configurationPid = ConfigurationName.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CsvHotFolderConnectorConfig.class, factory = true)
public final class CsvHotFolderConnector implements Connector {

    static final String NAME_PREFIX = "csv-";

    private static final Logger LOG = LoggerFactory.getLogger(CsvHotFolderConnector.class);
    private static final Comparator<HotFolder.Candidate> IMPORT_ORDER = Comparator
            .comparing((HotFolder.Candidate c) -> FileKind.ofFileName(c.name()).map(FileKind::importOrder).orElse(-1))
            .thenComparing(HotFolder.Candidate::name);

    private final String name;
    private final HotFolder folder;
    private final SettleWatch settleWatch;
    private final Clock clock;
    private final ColumnMapping mapping;
    private final InboxDirectories directories;
    private final String configurationError;
    private final ImportCounters counters = new ImportCounters();
    // Set by the polling thread, read by whoever asks for the status.
    private volatile String inboxTaken;
    // Touched by the polling thread only: polls never overlap.
    private boolean started;

    @Activate
    public CsvHotFolderConnector(CsvHotFolderConnectorConfig config, Map<String, Object> properties,
                                 @Reference InboxDirectories directories) {
        this(config, properties, directories, Clock.systemUTC());
    }

    CsvHotFolderConnector(CsvHotFolderConnectorConfig config, Map<String, ?> properties, InboxDirectories directories,
                          Clock clock) {
        this.directories = directories;
        this.clock = clock;
        this.settleWatch = new SettleWatch(Duration.ofMillis(Math.max(0, config.settle_ms())));
        String configName;
        String problem = null;
        try {
            configName = ConfigurationName.of(config.name(), properties);
        } catch (IllegalArgumentException e) {
            configName = "unnamed-" + properties.get("service.pid");
            problem = e.getMessage();
        }
        this.name = NAME_PREFIX + configName;
        this.folder = new HotFolder(KarafPaths.underData(config.directory(),
                configName.equals(ConfigurationName.DEFAULT) ? "inbox" : "inbox-" + configName));
        ColumnMapping parsed = ColumnMapping.none();
        try {
            parsed = ColumnMapping.parse(config.mapping(), Map.of(FileKind.CUSTOMERS, config.mapping_customers(),
                    FileKind.ORDERS, config.mapping_orders(), FileKind.EVENTS, config.mapping_events()));
        } catch (ColumnMapping.InvalidMappingException e) {
            problem = problem == null ? e.getMessage() : problem + "; " + e.getMessage();
        }
        this.mapping = parsed;
        this.configurationError = problem == null ? null : "the configuration " + properties.get("service.pid")
                + " is not valid, so nothing is imported: " + problem;
        if (configurationError != null) {
            LOG.error("Hot folder {}: {}", name, configurationError);
        } else {
            takeInbox();
        }
    }

    @Deactivate
    void deactivate() {
        directories.release(this);
    }

    /** Claims the inbox for this connector; remembers who has it if another connector does. */
    private boolean takeInbox() {
        String taken = directories.claim(this, name, folder.inbox()).orElse(null);
        if (taken != null && !taken.equals(inboxTaken)) {
            LOG.error("Hot folder {} imports nothing: {}", name, taken);
        }
        inboxTaken = taken;
        return taken == null;
    }

    Path inbox() {
        return folder.inbox();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void poll(RecordSink sink) throws Exception {
        // The status says why; throwing would only repeat it in the log every poll.
        if (configurationError != null || !takeInbox()) {
            return;
        }
        try {
            folder.createDirectories();
            if (!started) {
                folder.removeAbandonedTempFiles();
                started = true;
            }
            FileImporter importer = new FileImporter(sink, counters, mapping);
            for (Path unfinished : folder.unfinished()) {
                LOG.info("Importing {} again from the start: an earlier run stopped in the middle of it", unfinished.getFileName());
                importClaimed(unfinished, importer);
            }
            List<HotFolder.Candidate> waiting = folder.candidates();
            settleWatch.retain(waiting);
            for (HotFolder.Candidate candidate : waiting.stream().sorted(IMPORT_ORDER).toList()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped before " + candidate.name());
                }
                if (settleWatch.isSettled(candidate, clock.instant())) {
                    settleWatch.forget(candidate.name());
                    take(candidate, importer);
                }
            }
        } catch (IOException | FileImporter.SinkFailedException | RuntimeException e) {
            counters.error(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    private void take(HotFolder.Candidate candidate, FileImporter importer)
            throws IOException, FileImporter.SinkFailedException, InterruptedException {
        if (FileKind.ofFileName(candidate.name()).isEmpty()) {
            String reason = "the file name does not say what the file holds: it must start with customers, orders or"
                    + " events and end in .csv, .jsonl or .ndjson (" + FileKind.allowedNames() + ", in any case);"
                    + " rename it and drop it into the inbox again";
            fail(candidate.file(), "File: " + candidate.name() + "\nNot imported: nothing from this file was read.\n"
                    + "Reason: " + reason + "\n", reason);
            return;
        }
        Path claimed = folder.claim(candidate.file());
        if (claimed != null) {
            importClaimed(claimed, importer);
        }
    }

    private void importClaimed(Path file, FileImporter importer)
            throws IOException, FileImporter.SinkFailedException, InterruptedException {
        String name = file.getFileName().toString();
        Optional<FileKind> kind = FileKind.ofFileName(name);
        if (kind.isEmpty()) {
            // Only a hand-moved file gets here; treat it like one dropped into the inbox.
            String reason = "the file name must match " + FileKind.allowedNames();
            fail(file, "File: " + name + "\nNot imported.\nReason: " + reason + "\n", reason);
            return;
        }
        long start = System.nanoTime();
        String base = FileFormat.stripExtension(name);
        FileFormat format = FileFormat.ofFileName(name).orElseThrow();
        FileImporter.Outcome outcome;
        try (RejectsFile rejects = new RejectsFile(folder.done(), base)) {
            outcome = importer.importFile(file, kind.get(), format, rejects);
            if (outcome instanceof FileImporter.Imported imported) {
                String doneBase = folder.freeDoneBase(file, clock.instant());
                // Rejects first: should we crash before the input is moved, it is imported again, and no reject is lost.
                rejects.commit(folder.done().resolve(doneBase + HotFolder.REJECTS_SUFFIX));
                folder.moveToDone(file, doneBase);
                finished(name, doneBase, imported, rejects.isEmpty(), start);
            }
        }
        if (outcome instanceof FileImporter.HeaderRejected headerRejected) {
            fail(file, headerErrorText(name, headerRejected), headerSummary(headerRejected));
        }
    }

    private void finished(String name, String doneBase, FileImporter.Imported imported, boolean noRejects, long start) {
        counters.fileDone();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String rejectsNote = noRejects ? "" : ", rejects in " + HotFolder.DONE + "/" + doneBase + HotFolder.REJECTS_SUFFIX;
        imported.malformed().ifPresentOrElse(malformed -> {
            counters.error(name + " line " + malformed.line() + ": " + malformed.reason()
                    + "; the rows before it were imported");
            LOG.warn("Imported {} up to line {}: {} records accepted, {} rejected, in {} ms; {} from there: {}{}",
                    name, malformed.line(), imported.accepted(), imported.rejected(), elapsedMs, malformed.what(),
                    malformed.reason(), rejectsNote);
        }, () -> LOG.info("Imported {}: {} records accepted, {} rejected, in {} ms{}",
                name, imported.accepted(), imported.rejected(), elapsedMs, rejectsNote));
    }

    private void fail(Path file, String errorText, String summary) throws IOException {
        Path moved = folder.moveToFailed(file, errorText, clock.instant());
        counters.fileFailed();
        String message = file.getFileName() + " moved to " + HotFolder.FAILED + "/" + moved.getFileName() + ": " + summary;
        counters.error(message);
        LOG.warn("Not imported: {}; see {}{}", message, moved.getFileName(), HotFolder.ERROR_SUFFIX);
    }

    private static String headerErrorText(String name, FileImporter.HeaderRejected rejected) {
        StringBuilder text = new StringBuilder()
                .append("File: ").append(name).append('\n')
                .append("Not imported: the header row (line ").append(rejected.line())
                .append(") is not right for a ").append(FileKind.ofFileName(name).orElseThrow().label())
                .append(" file, so no row of this file was imported.\n")
                .append("Correct the header and drop the file into the inbox again.\n");
        for (FileKind.HeaderProblem problem : rejected.problems()) {
            text.append('\n')
                    .append("Column: ").append(problem.column()).append('\n')
                    .append("Reason: ").append(problem.reason()).append('\n');
        }
        return text.toString();
    }

    private static String headerSummary(FileImporter.HeaderRejected rejected) {
        FileKind.HeaderProblem first = rejected.problems().get(0);
        String more = rejected.problems().size() > 1 ? " (and " + (rejected.problems().size() - 1) + " more)" : "";
        return "column " + first.column() + ": " + first.reason() + more;
    }

    @Override
    public ConnectorStatus status() {
        if (configurationError != null) {
            return new ConnectorStatus(name, false, 0, 0, 0, 0, configurationError);
        }
        String taken = inboxTaken;
        if (taken != null) {
            return new ConnectorStatus(name, false, counters.accepted(), counters.rejected(), counters.filesDone(),
                    counters.filesFailed(), "not importing: " + taken);
        }
        boolean idle;
        String lastError = counters.lastError();
        try {
            idle = folder.isIdle();
        } catch (IOException e) {
            idle = false;
            lastError = "cannot read " + folder.inbox() + ": " + e;
        }
        return new ConnectorStatus(name, idle, counters.accepted(), counters.rejected(),
                counters.filesDone(), counters.filesFailed(), lastError);
    }
}
