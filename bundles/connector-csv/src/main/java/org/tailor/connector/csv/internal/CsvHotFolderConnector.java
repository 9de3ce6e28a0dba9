package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;

/**
 * The CSV hot folder: imports {@code customers*.csv}, {@code orders*.csv} and {@code events*.csv}
 * dropped into the inbox. Each poll first re-imports a file a crash left in {@code processing/}
 * (ingest is idempotent, so that duplicates nothing), then claims each settled file by an atomic
 * move and imports it row by row. Imported files end in {@code done/}, with their rejected rows in
 * {@code done/<name>.rejects.csv}; files that cannot be imported at all end in {@code failed/} with
 * {@code <name>.error.txt} saying why.
 */
@Component(service = Connector.class, configurationPid = "org.tailor.connector.csv")
@Designate(ocd = CsvHotFolderConnectorConfig.class)
public final class CsvHotFolderConnector implements Connector {

    static final String NAME = "csv-hotfolder";

    private static final Logger LOG = LoggerFactory.getLogger(CsvHotFolderConnector.class);
    private static final Comparator<HotFolder.Candidate> IMPORT_ORDER = Comparator
            .comparing((HotFolder.Candidate c) -> CsvKind.ofFileName(c.name()).map(CsvKind::importOrder).orElse(-1))
            .thenComparing(HotFolder.Candidate::name);

    private final HotFolder folder;
    private final SettleWatch settleWatch;
    private final Clock clock;
    private final ImportCounters counters = new ImportCounters();
    // Touched by the polling thread only: polls never overlap.
    private boolean started;

    @Activate
    public CsvHotFolderConnector(CsvHotFolderConnectorConfig config) {
        this(config, Clock.systemUTC());
    }

    CsvHotFolderConnector(CsvHotFolderConnectorConfig config, Clock clock) {
        this.folder = new HotFolder(KarafPaths.underData(config.directory(), "inbox"));
        this.settleWatch = new SettleWatch(Duration.ofMillis(Math.max(0, config.settle_ms())));
        this.clock = clock;
    }

    Path inbox() {
        return folder.inbox();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void poll(RecordSink sink) throws Exception {
        try {
            folder.createDirectories();
            if (!started) {
                folder.removeAbandonedTempFiles();
                started = true;
            }
            CsvFileImporter importer = new CsvFileImporter(sink, counters);
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
        } catch (IOException | CsvFileImporter.SinkFailedException | RuntimeException e) {
            counters.error(e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    private void take(HotFolder.Candidate candidate, CsvFileImporter importer)
            throws IOException, CsvFileImporter.SinkFailedException, InterruptedException {
        if (CsvKind.ofFileName(candidate.name()).isEmpty()) {
            String reason = "the file name does not say what the file holds: it must start with customers, orders or"
                    + " events and end in .csv (" + CsvKind.allowedNames() + ", in any case); rename it and drop it"
                    + " into the inbox again";
            fail(candidate.file(), "File: " + candidate.name() + "\nNot imported: nothing from this file was read.\n"
                    + "Reason: " + reason + "\n", reason);
            return;
        }
        Path claimed = folder.claim(candidate.file());
        if (claimed != null) {
            importClaimed(claimed, importer);
        }
    }

    private void importClaimed(Path file, CsvFileImporter importer)
            throws IOException, CsvFileImporter.SinkFailedException, InterruptedException {
        String name = file.getFileName().toString();
        Optional<CsvKind> kind = CsvKind.ofFileName(name);
        if (kind.isEmpty()) {
            // Only a hand-moved file gets here; treat it like one dropped into the inbox.
            String reason = "the file name must match " + CsvKind.allowedNames();
            fail(file, "File: " + name + "\nNot imported.\nReason: " + reason + "\n", reason);
            return;
        }
        long start = System.nanoTime();
        String base = HotFolder.stripCsvExtension(name);
        CsvFileImporter.Outcome outcome;
        try (RejectsFile rejects = new RejectsFile(folder.done(), base)) {
            outcome = importer.importFile(file, kind.get(), rejects);
            if (outcome instanceof CsvFileImporter.Imported imported) {
                String doneBase = folder.freeDoneBase(file, clock.instant());
                // Rejects first: should we crash before the input is moved, it is imported again, and no reject is lost.
                rejects.commit(folder.done().resolve(doneBase + HotFolder.REJECTS_SUFFIX));
                folder.moveToDone(file, doneBase);
                finished(name, doneBase, imported, rejects.isEmpty(), start);
            }
        }
        if (outcome instanceof CsvFileImporter.HeaderRejected headerRejected) {
            fail(file, headerErrorText(name, headerRejected), headerSummary(headerRejected));
        }
    }

    private void finished(String name, String doneBase, CsvFileImporter.Imported imported, boolean noRejects, long start) {
        counters.fileDone();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String rejectsNote = noRejects ? "" : ", rejects in " + HotFolder.DONE + "/" + doneBase + HotFolder.REJECTS_SUFFIX;
        imported.malformed().ifPresentOrElse(malformed -> {
            counters.error(name + " line " + malformed.line() + ": " + malformed.reason()
                    + "; the rows before it were imported");
            LOG.warn("Imported {} up to line {}: {} rows accepted, {} rejected, in {} ms; malformed CSV from there: {}{}",
                    name, malformed.line(), imported.accepted(), imported.rejected(), elapsedMs, malformed.reason(), rejectsNote);
        }, () -> LOG.info("Imported {}: {} rows accepted, {} rejected, in {} ms{}",
                name, imported.accepted(), imported.rejected(), elapsedMs, rejectsNote));
    }

    private void fail(Path file, String errorText, String summary) throws IOException {
        Path moved = folder.moveToFailed(file, errorText, clock.instant());
        counters.fileFailed();
        String message = file.getFileName() + " moved to " + HotFolder.FAILED + "/" + moved.getFileName() + ": " + summary;
        counters.error(message);
        LOG.warn("Not imported: {}; see {}{}", message, moved.getFileName(), HotFolder.ERROR_SUFFIX);
    }

    private static String headerErrorText(String name, CsvFileImporter.HeaderRejected rejected) {
        StringBuilder text = new StringBuilder()
                .append("File: ").append(name).append('\n')
                .append("Not imported: the header row (line ").append(rejected.line())
                .append(") is not right for a ").append(CsvKind.ofFileName(name).orElseThrow().label())
                .append(" file, so no row of this file was imported.\n")
                .append("Correct the header and drop the file into the inbox again.\n");
        for (CsvKind.HeaderProblem problem : rejected.problems()) {
            text.append('\n')
                    .append("Column: ").append(problem.column()).append('\n')
                    .append("Reason: ").append(problem.reason()).append('\n');
        }
        return text.toString();
    }

    private static String headerSummary(CsvFileImporter.HeaderRejected rejected) {
        CsvKind.HeaderProblem first = rejected.problems().get(0);
        String more = rejected.problems().size() > 1 ? " (and " + (rejected.problems().size() - 1) + " more)" : "";
        return "column " + first.column() + ": " + first.reason() + more;
    }

    @Override
    public ConnectorStatus status() {
        boolean idle;
        String lastError = counters.lastError();
        try {
            idle = folder.isIdle();
        } catch (IOException e) {
            idle = false;
            lastError = "cannot read " + folder.inbox() + ": " + e;
        }
        return new ConnectorStatus(NAME, idle, counters.accepted(), counters.rejected(),
                counters.filesDone(), counters.filesFailed(), lastError);
    }
}
