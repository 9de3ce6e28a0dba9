package org.tailor.connector.csv.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.ingest.InboundRecord;

/** One hot folder per factory configuration: names, directories, and two configurations that collide. */
class HotFolderConfigurationTest {

    @TempDir
    Path root;

    final InboxDirectories directories = new InboxDirectories();
    final FakeSink sink = new FakeSink();

    CsvHotFolderConnector connector(String name, Path inbox) {
        return TestConnectors.create(TestConnectors.properties(name, inbox, Map.of()), directories, Clock.systemUTC());
    }

    // --- names -----------------------------------------------------------------------------------

    @Test
    void theConnectorIsNamedAfterItsConfiguration() {
        assertThat(connector("default", root.resolve("a")).name()).isEqualTo("csv-default");
        assertThat(connector("shop", root.resolve("b")).name()).isEqualTo("csv-shop");
    }

    @Test
    void theNameComesFromThePidTheFileInstallFileOrTheNameProperty() {
        assertThat(ConfigurationName.of("", Map.of("service.pid", "org.tailor.connector.csv~shop-de"))).isEqualTo("shop-de");
        assertThat(ConfigurationName.of("", Map.of("service.pid", "org.tailor.connector.csv.6c1f0a2e-1b2c",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/org.tailor.connector.csv-crm.cfg"))).isEqualTo("crm");
        assertThat(ConfigurationName.of(" legacy ", Map.of("service.pid", "org.tailor.connector.csv~shop"))).isEqualTo("legacy");
        assertThatThrownBy(() -> ConfigurationName.of("", Map.of("service.pid", "org.tailor.connector.csv.6c1f0a2e")))
                .hasMessageContaining("has no name").hasMessageContaining("org.tailor.connector.csv-<name>.cfg");
        assertThatThrownBy(() -> ConfigurationName.of("Shop Berlin", Map.of()))
                .hasMessageContaining("\"Shop Berlin\" is not usable").hasMessageContaining("lower-case letters");
    }

    @Test
    void aConfigurationWithoutAUsableNameSaysSoInItsStatusAndTouchesNothing() throws Exception {
        Path inbox = root.resolve("inbox");
        CsvHotFolderConnector connector = TestConnectors.create(TestConnectors.properties("x", inbox,
                Map.of("service.pid", "org.tailor.connector.csv.6c1f0a2e")), directories, Clock.systemUTC());

        connector.poll(sink);

        ConnectorStatus status = connector.status();
        assertThat(status.idle()).isFalse();
        assertThat(status.lastError()).contains("org.tailor.connector.csv.6c1f0a2e is not valid", "has no name");
        assertThat(inbox).doesNotExist();
    }

    // --- directories -----------------------------------------------------------------------------

    @Test
    void aBlankDirectoryIsTheInboxUnderKarafDataForDefaultAndInboxDashNameForOthers() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", root.toString());
        try {
            assertThat(connector("default", null).inbox()).isEqualTo(root.resolve("inbox"));
            assertThat(connector("shop", null).inbox()).isEqualTo(root.resolve("inbox-shop"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    @Test
    void twoConfigurationsImportFromTheirOwnFolders() throws Exception {
        CsvHotFolderConnector crm = connector("crm", root.resolve("crm"));
        CsvHotFolderConnector shop = connector("shop", root.resolve("shop"));
        Files.createDirectories(root.resolve("crm"));
        Files.createDirectories(root.resolve("shop"));
        Files.writeString(root.resolve("crm/customers.csv"), "customer_id,email\nC1,a@example.com\n", UTF_8);
        Files.writeString(root.resolve("shop/orders.csv"),
                "order_id,email,ordered_at,total,currency\nO1,a@example.com,2026-11-20T09:00:00Z,1,EUR\n", UTF_8);

        crm.poll(sink);
        shop.poll(sink);

        assertThat(sink.accepted).extracting(InboundRecord::source).containsExactly("customers.csv", "orders.csv");
        assertThat(crm.status().unitsDone()).isEqualTo(1);
        assertThat(shop.status().unitsDone()).isEqualTo(1);
        assertThat(root.resolve("crm/done/customers.csv")).exists();
        assertThat(root.resolve("shop/done/orders.csv")).exists();
    }

    @Test
    void aSecondConfigurationOnTheSameFolderImportsNothingAndSaysWhoHasIt() throws Exception {
        Path inbox = root.resolve("inbox");
        CsvHotFolderConnector first = connector("default", inbox);
        CsvHotFolderConnector second = connector("shop", root.resolve("inbox/../inbox"));
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("customers.csv"), "customer_id,email\nC1,a@example.com\n", UTF_8);

        second.poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(inbox.resolve("customers.csv")).exists();
        ConnectorStatus status = second.status();
        assertThat(status.name()).isEqualTo("csv-shop");
        assertThat(status.idle()).isFalse();
        assertThat(status.lastError()).contains("not importing", inbox.toString(), "already the inbox of connector csv-default",
                "a directory of its own");
        assertThat(first.status().lastError()).isEmpty();

        first.poll(sink);
        assertThat(sink.accepted).hasSize(1);
    }

    @Test
    void theSecondTakesTheFolderOverOnceTheFirstIsGone() throws Exception {
        Path inbox = root.resolve("inbox");
        CsvHotFolderConnector first = connector("default", inbox);
        CsvHotFolderConnector second = connector("shop", inbox);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("customers.csv"), "customer_id,email\nC1,a@example.com\n", UTF_8);

        first.deactivate();
        second.poll(sink);

        assertThat(sink.accepted).hasSize(1);
        assertThat(second.status().lastError()).isEmpty();
    }

    @Test
    void nestedFoldersAndRepeatedNamesAreRefusedToo() {
        connector("default", root.resolve("inbox"));

        assertThat(connector("inner", root.resolve("inbox/shop")).status().lastError())
                .contains("is inside " + root.resolve("inbox"), "the inbox of connector csv-default", "must not be nested");
        assertThat(connector("outer", root).status().lastError()).contains("holds " + root.resolve("inbox"));
        assertThat(connector("default", root.resolve("elsewhere")).status().lastError())
                .contains("already named csv-default");
    }
}
