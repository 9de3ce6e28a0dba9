package org.tailor.connector.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;

/**
 * A file far larger than what the import may keep is streamed through with the heap staying flat:
 * 2,000,000 line item rows of orders (about 130 MB), grouped into 800,000 orders, into a sink that
 * only counts. The heap is measured after a collection every 100,000 records, so what is measured
 * is what the import holds on to, not garbage waiting to be collected. About 10 s of CPU; it runs
 * in every build, and {@code -DexcludedGroups=large} skips it.
 */
@Tag("large")
class BoundedMemoryTest {

    static final int ROWS = 2_000_000;
    static final long MAX_RETAINED_BYTES = 32L << 20;

    @TempDir
    Path inbox;

    @Test
    void twoMillionRowsStreamThroughWithoutTheHeapGrowing() throws Exception {
        long orders = writeOrders(inbox.resolve("orders.csv"));
        long fileSize = Files.size(inbox.resolve("orders.csv"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        CountingSink sink = new CountingSink(memory);

        CsvHotFolderConnector connector = TestConnectors.create(inbox, Map.of());
        connector.poll(sink);

        assertThat(sink.records).isEqualTo(orders);
        assertThat(sink.items).isEqualTo(ROWS);
        assertThat(connector.status().accepted()).isEqualTo(orders);
        assertThat(inbox.resolve("done/orders.csv")).exists();
        assertThat(sink.samples).isGreaterThanOrEqualTo(8);
        long retained = Math.max(0, sink.maxUsed - baseline);
        assertThat(fileSize).isGreaterThan(100L << 20);
        assertThat(retained).as("heap held during the import, against a file of %d bytes", fileSize)
                .isLessThan(MAX_RETAINED_BYTES);
    }

    /** Orders of 1 to 4 line items, written row by row; returns how many orders. */
    private static long writeOrders(Path file) throws IOException {
        long orders = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("order_id,email,ordered_at,total,currency,item_sku,item_name,item_quantity\n");
            int row = 0;
            while (row < ROWS) {
                orders++;
                int items = (int) Math.min(1 + orders % 4, ROWS - row);
                for (int i = 0; i < items; i++, row++) {
                    out.write("O" + orders + ",c" + orders % 50_000 + "@x.io,2026-11-01T10:00:00Z,9.90,EUR,S" + i
                            + ",\"Tent, 2p\"," + (i + 1) + "\n");
                }
            }
        }
        return orders;
    }

    /** Accepts everything, counts, and samples the heap after a collection now and then. */
    static final class CountingSink implements RecordSink {

        private final MemoryMXBean memory;
        long records;
        long items;
        long samples;
        long maxUsed;

        CountingSink(MemoryMXBean memory) {
            this.memory = memory;
        }

        @Override
        public IngestResult accept(InboundRecord record) {
            records++;
            items += ((List<?>) record.fields().get("items")).size();
            if (records % 100_000 == 0) {
                System.gc();
                maxUsed = Math.max(maxUsed, memory.getHeapMemoryUsage().getUsed());
                samples++;
            }
            return IngestResult.accepted("p");
        }
    }
}
