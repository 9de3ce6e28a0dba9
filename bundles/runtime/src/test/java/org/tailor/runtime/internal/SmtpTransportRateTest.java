package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.runtime.internal.SendRateLimiterTest.busiestWindow;
import static org.tailor.runtime.internal.SmtpTestSupport.plain;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.runtime.internal.SmtpTestSupport.FakeClock;

/**
 * The rate limits as the server sees them: it stamps every message it accepts with the fake clock
 * the transport waits on, so the counts per window are exact and no test time is spent waiting.
 */
class SmtpTransportRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theServerNeverReceivesMoreThanTheLimitsAllowInAnyWindow() throws Exception {
        FakeClock clock = new FakeClock();
        try (FakeSmtpServer server = new FakeSmtpServer(null, clock::ticks)) {
            SmtpTransport transport = new SmtpTransport(plain(server.port(),
                    Map.of("rate.per.second", 5, "rate.per.minute", 20)), null, clock::ticks, clock);
            try {
                long start = clock.ticks();
                for (OutboxEntry e : SmtpTestSupport.entries(50)) {
                    transport.deliver(e);
                }
                List<Long> stamps = server.accepted().stream().map(a -> a.tick() - start).sorted().toList();

                assertThat(stamps).hasSize(50);
                // The per-second bucket: its burst of 5, then 5 a second.
                assertThat(stamps.stream().filter(t -> t == 0).count()).isEqualTo(5);
                assertThat(busiestWindow(stamps, SECOND)).isLessThanOrEqualTo(10);
                // The per-minute bucket: its burst of 20 (paced as above), then one every 3 s.
                assertThat(stamps.stream().filter(t -> t <= 10 * SECOND).count()).isLessThanOrEqualTo(20 + 3);
                assertThat(busiestWindow(stamps, 60 * SECOND)).isLessThanOrEqualTo(40);
                // The 30 beyond the burst need 30 refills of 3 s each.
                assertThat(stamps.get(49)).isGreaterThanOrEqualTo(90 * SECOND);
            } finally {
                transport.close();
            }
        }
    }
}
