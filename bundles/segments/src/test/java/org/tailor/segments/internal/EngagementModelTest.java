package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngagementModelTest {

    static final Instant NOW = Fixtures.NOW;
    final EngagementModel model = new EngagementModel(Map.of("email_opened", 1.0, "order", 5.0), 14, 5);

    @Test
    void anEventLosesHalfItsWeightEveryHalfLife() {
        assertThat(model.contribution("order", NOW, NOW)).isEqualTo(5.0);
        assertThat(model.contribution("order", NOW.minus(Duration.ofDays(14)), NOW)).isCloseTo(2.5, within(1e-12));
        assertThat(model.contribution("order", NOW.minus(Duration.ofDays(28)), NOW)).isCloseTo(1.25, within(1e-12));
        assertThat(model.contribution("email_opened", NOW.minus(Duration.ofDays(7)), NOW)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(model.contribution("email_opened", NOW.minus(Duration.ofHours(14 * 24 * 10)), NOW))
                .isCloseTo(1.0 / 1024, within(1e-12));
    }

    @Test
    void unweightedTypesCountNothingAndFutureEventsCountAsNow() {
        assertThat(model.contribution("page_viewed", NOW, NOW)).isZero();
        assertThat(model.contribution("order", NOW.plus(Duration.ofDays(3)), NOW)).isEqualTo(5.0);
    }

    @Test
    void theSumMapsOntoZeroToHundredWithTheMidpointAtFifty() {
        assertThat(model.score(0)).isEqualByComparingTo("0.0");
        assertThat(model.score(5)).isEqualByComparingTo("50.0");
        assertThat(model.score(15)).isEqualByComparingTo("75.0");
        assertThat(model.score(1)).isEqualByComparingTo("16.7");
        assertThat(model.score(1e12)).isEqualByComparingTo("100.0");
        BigDecimal previous = model.score(0);
        for (double sum = 0.01; sum < 1000; sum *= 1.5) {
            BigDecimal score = model.score(sum);
            assertThat(score).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(new BigDecimal("100.0"));
            assertThat(score.scale()).isEqualTo(1);
            previous = score;
        }
    }

    @Test
    void weightsAreReadFromTypeEqualsWeightEntries() {
        assertThat(EngagementModel.parseWeights(new String[] {"email_opened=1", " order = 5 ", "page_viewed=0.5"}))
                .containsExactly(Map.entry("email_opened", 1.0), Map.entry("order", 5.0), Map.entry("page_viewed", 0.5));
        assertThatThrownBy(() -> EngagementModel.parseWeights(new String[] {"Email Opened=1"}))
                .hasMessageContaining("'Email Opened=1' must be type=weight");
        assertThatThrownBy(() -> EngagementModel.parseWeights(new String[] {"order"})).hasMessageContaining("'order' must be type=weight");
        assertThatThrownBy(() -> EngagementModel.parseWeights(new String[] {"order=-1"})).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> EngagementModel.parseWeights(new String[] {"order=x"})).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> EngagementModel.parseWeights(new String[] {"order=1", "order=2"}))
                .hasMessageContaining("'order' has two engagement weights");
        assertThatThrownBy(() -> new EngagementModel(Map.of(), 0, 5)).hasMessageContaining("half-life");
        assertThatThrownBy(() -> new EngagementModel(Map.of(), 14, 0)).hasMessageContaining("midpoint");
    }
}
