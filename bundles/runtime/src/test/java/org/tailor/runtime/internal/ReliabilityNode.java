package org.tailor.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.util.converter.Converters;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.SendReport;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;
import org.tailor.api.model.Profile;
import org.tailor.store.internal.ReliabilityStore;

/**
 * One runtime node as a process of its own, for {@link KillAndRestartReliabilityTest}: sends the
 * campaign over the real outbox on PostgreSQL through the file transport, and logs every hand-over
 * to the transport in a journal that is forced to disk, so that the test can count what a
 * transport that is not idempotent would have delivered twice. The test kills it with SIGKILL at
 * random moments.
 */
public final class ReliabilityNode {

    static final String CAMPAIGN_ID = "reliability";
    static final String CAMPAIGN = """
            {"id":"reliability","name":"Reliability","segment":"everyone","template":"outdoor",
             "purpose":"email_marketing","from":"Tailor <news@example.com>"}
            """;

    private ReliabilityNode() {
    }

    /** Arguments: PostgreSQL schema, work folder, number of recipients. */
    public static void main(String[] args) throws Exception {
        String schema = args[0];
        Path work = Path.of(args[1]);
        int recipients = Integer.parseInt(args[2]);
        Fakes.Segments segments = new Fakes.Segments();
        Fakes.Consent consent = new Fakes.Consent();
        Fakes.Profiles profiles = new Fakes.Profiles();
        List<Profile> everyone = new ArrayList<>(recipients);
        for (int i = 0; i < recipients; i++) {
            Profile p = Fakes.profile(String.format("r%06d", i), String.format("r%06d@example.com", i), Map.of("first_name", "R" + i));
            everyone.add(p);
            consent.granted.add(p.id() + "/email_marketing");
        }
        segments.members.put("everyone", everyone);
        profiles.add(everyone);
        try (ReliabilityStore store = ReliabilityStore.open(schema);
             Journal journal = new Journal(work.resolve("journal.log"))) {
            FileTransport files = new FileTransport(Converters.standardConverter()
                    .convert(Map.of("directory", work.resolve("outbox").toString())).to(FileTransportConfig.class));
            OutboxCampaignService service = new OutboxCampaignService(Converters.standardConverter().convert(Map.of(
                            "campaigns.directory", work.resolve("campaigns").toString(), "scan.interval.ms", 0L,
                            "relay.interval.seconds", 0L, "relay.lease.seconds", 2L, "relay.batch.size", 100))
                    .to(OutboxCampaignServiceConfig.class),
                    segments, new Fakes.Renderer(p -> false), consent, new Fakes.Subscriptions(), profiles, store.outbox);
            service.addTransport(new JournaledTransport(files, journal), Map.of(Transport.NAME_PROPERTY, "file", "service.id", 1L));
            SendReport report = service.send(CAMPAIGN_ID);
            System.out.println("REPORT enqueued=" + report.enqueued() + " alreadyQueued=" + report.alreadyQueued()
                    + " delivered=" + report.delivered() + " possibleDuplicates=" + report.possibleDuplicates());
            service.deactivate();
        }
    }

    /** Hands over to the delegate, then records the key: a line means "this went to the transport". */
    private static final class JournaledTransport implements Transport {
        private final Transport delegate;
        private final Journal journal;

        JournaledTransport(Transport delegate, Journal journal) {
            this.delegate = delegate;
            this.journal = journal;
        }

        @Override
        public void deliver(OutboxEntry entry) throws TransportException {
            delegate.deliver(entry);
            journal.append(entry.idempotencyKey());
        }
    }

    /** Lines written one by one, so a SIGKILL loses none that were written. */
    private static final class Journal implements AutoCloseable {
        private final FileChannel channel;

        Journal(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        synchronized void append(String line) {
            try {
                // A written line survives SIGKILL without a force: it is in the kernel's page cache.
                channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static void writeCampaign(Path work) throws IOException {
        Files.createDirectories(work.resolve("campaigns"));
        Files.writeString(work.resolve("campaigns").resolve(CAMPAIGN_ID + ".json"), CAMPAIGN);
    }
}
