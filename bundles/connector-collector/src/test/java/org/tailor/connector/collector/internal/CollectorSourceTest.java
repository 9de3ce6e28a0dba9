package org.tailor.connector.collector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;

class CollectorSourceTest {

    static CollectorSource source(Map<String, Object> properties) {
        return new CollectorSource(Converters.standardConverter().convert(properties).to(CollectorSourceConfig.class));
    }

    @Test
    void aSourceIsFoundByItsKeyOnlyAndNeverShowsIt() {
        CollectorSource web = source(Map.of("name", " web ", "write.key", "wk_abc"));
        SourceDirectory directory = new SourceDirectory();
        directory.add(web.source());
        assertThat(directory.find("wk_abc")).map(Source::name).contains("web");
        assertThat(directory.find("wk_ab")).isEmpty();
        assertThat(directory.find("")).isEmpty();
        assertThat(directory.find(null)).isEmpty();
        assertThat(web.source().toString()).isEqualTo("source web").doesNotContain("wk_abc");
        directory.remove(web.source());
        assertThat(directory.find("wk_abc")).isEmpty();
    }

    @Test
    void aSourceWithoutKeyOrNameIsRefused() {
        assertThatThrownBy(() -> source(Map.of("name", "web"))).hasMessage("source web has no write key");
        assertThatThrownBy(() -> source(Map.of("name", " ", "write.key", "k"))).hasMessage("a collector source needs a name");
    }

    @Test
    void theConnectorStatusSaysWhenNoSourceIsConfigured() {
        HttpEventCollectorConfig config = Converters.standardConverter().convert(Map.of()).to(HttpEventCollectorConfig.class);
        HttpEventCollector collector = new HttpEventCollector(config, new FakeIngest(), new FakeConsent(), Clock.systemUTC());
        assertThat(collector.status().lastError()).contains("no source configured");
        collector.addSource(source(Map.of("name", "web", "write.key", "k")));
        assertThat(collector.status().lastError()).isEmpty();
        assertThat(collector.name()).isEqualTo("collector");
        assertThatThrownBy(() -> new HttpEventCollector(Converters.standardConverter()
                .convert(Map.of("max.call.bytes", 0)).to(HttpEventCollectorConfig.class),
                new FakeIngest(), new FakeConsent(), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
