package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.delivery.TriggerSummary;

class TriggerFileParserTest {

    @TempDir
    Path dir;

    @Test
    void readsTheThreeKinds() throws Exception {
        TriggerDefinition cart = TriggerFileParser.parse(write("cart.json", """
                {"id": "cart-abandoned", "name": "Cart abandoned", "template": "cart-reminder",
                 "purpose": "email_marketing", "from": "Shop <shop@example.com>", "version": 2,
                 "when": {"after": "cart_added", "unless": "order", "delayHours": 4}}
                """));
        assertThat(cart.id()).isEqualTo("cart-abandoned");
        assertThat(cart.version()).isEqualTo(2);
        assertThat(cart.outboxCampaign()).isEqualTo("trigger-cart-abandoned");
        assertThat(cart.condition()).isEqualTo(new TriggerCondition.AfterEvent("cart_added", Set.of("order"), Duration.ofHours(4)));
        assertThat(cart.condition().describe()).isEqualTo("after cart_added unless order, 4 h");

        TriggerDefinition browse = TriggerFileParser.parse(write("browse.json", """
                {"id": "browse", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "product_viewed", "unless": ["order", "cart_added"], "delayHours": 1.5}}
                """));
        assertThat(browse.name()).as("the id when there is no name").isEqualTo("browse");
        assertThat(browse.version()).isEqualTo(1);
        assertThat(browse.condition().describe()).isEqualTo("after product_viewed unless cart_added/order, 1 h 30 min");

        TriggerDefinition followUp = TriggerFileParser.parse(write("follow.json", """
                {"id": "follow-up", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "order", "delayDays": 7}}
                """));
        assertThat(followUp.condition()).isEqualTo(new TriggerCondition.AfterEvent("order", Set.of(), Duration.ofDays(7)));

        TriggerDefinition birthday = TriggerFileParser.parse(write("birthday.json", """
                {"id": "birthday", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"anniversary": "birth_date", "atLocalTime": "08:30"}}
                """));
        assertThat(birthday.condition()).isEqualTo(new TriggerCondition.Anniversary("birth_date", LocalTime.of(8, 30)));
        assertThat(birthday.condition().kind()).isEqualTo(TriggerSummary.Kind.DATE);

        TriggerDefinition anniversary = TriggerFileParser.parse(write("anniversary.json", """
                {"id": "anniversary", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"anniversary": "signed_up_at"}}
                """));
        assertThat(anniversary.condition()).isEqualTo(new TriggerCondition.Anniversary("signed_up_at", LocalTime.of(9, 0)));

        TriggerDefinition vip = TriggerFileParser.parse(write("vip.json", """
                {"id": "vip-welcome", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"enters": "vip"}}
                """));
        assertThat(vip.condition()).isEqualTo(new TriggerCondition.SegmentEntry("vip", Duration.ZERO));
        assertThat(vip.condition().describe()).isEqualTo("enters vip, at once");
    }

    @Test
    void errorsNameTheFileLineColumnAndReason() throws Exception {
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "cart_added", "delayHours": 4, "delayDays": 1}}
                """, ":2:64: field 'when.delayDays': give delayHours or delayDays, not both");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "cart_added", "unless": ["cart_added"]}}
                """, ":2:45: field 'when.unless': 'cart_added' is the event that starts the trigger; it cannot also cancel it");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "Cart Added"}}
                """, ":2:20: field 'when.after': must be an event type");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "cart_added", "enters": "vip"}}
                """, ":2:10: field 'when': must have exactly one of [after, anniversary, enters], has [after, enters]");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"anniversary": "birth_date", "atLocalTime": "9am"}}
                """, ":2:55: field 'when.atLocalTime': must be a time of day as HH:mm");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"enters": "vip", "unless": "order"}}
                """, ":2:38: field 'when.unless': not a field of an 'enters' trigger");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "order", "delayDays": 400}}
                """, ":2:42: field 'when.delayDays': must be from 0 to 366 days, got 400");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "order", "delayHours": -1}}
                """, "field 'when.delayHours': must be from 0 to 366 days, got -1");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "not an address",
                 "when": {"after": "order"}}
                """, ":1:54: field 'from': not a valid RFC 5322 address");
        assertError("""
                {"id": "X", "template": "t", "purpose": "p", "from": "a@example.com", "when": {"after": "order"}}
                """, ":1:8: field 'id': 'X' is not a valid id");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com"}
                """, ":1:1: field 'when': missing");
        assertError("""
                {"id": "x", "template": "t", "purpose": "p", "from": "a@example.com", "when": {"after": "order"},
                 "segment": "vip"}
                """, ":2:13: unknown field 'segment'");
        assertError("""
                {"id": "x", "id": "y"}
                """, ":1:13: field 'id' appears twice");
        assertError("""
                {"id": "x", "template": "t",
                """, ":2:1: malformed JSON");
        assertError("", ":1:1: the file is empty");
    }

    @Test
    void aBrokenFileKeepsItsLastGoodVersionAndADuplicateIdIsReported() throws Exception {
        Path triggers = Files.createDirectories(dir.resolve("triggers"));
        DefinitionDirectory<TriggerDefinition> directory = new DefinitionDirectory<>(triggers, "trigger",
                TriggerFileParser::parse, TriggerDefinition::id);
        directory.scan();
        assertThat(directory.byId()).isEmpty();

        Path cart = triggers.resolve("cart.json");
        Files.writeString(cart, """
                {"id": "cart", "template": "t", "purpose": "p", "from": "a@example.com",
                 "when": {"after": "cart_added", "unless": "order", "delayHours": 4}}
                """);
        directory.scan();
        assertThat(directory.find("cart")).isPresent();

        Files.writeString(cart, "{\"id\": \"cart\",");
        directory.scan();
        assertThat(directory.find("cart")).as("the last good version stays").isPresent();
        assertThat(directory.problems()).singleElement().asString().startsWith(cart + ":1:");

        Files.writeString(triggers.resolve("copy.json"), """
                {"id": "cart", "template": "t", "purpose": "p", "from": "a@example.com", "when": {"after": "order"}}
                """);
        Files.writeString(triggers.resolve("notes.txt"), "not a trigger");
        directory.scan();
        assertThat(directory.problems()).anySatisfy(p -> assertThat(p).contains("copy.json:1:1: field 'id': trigger 'cart' "
                + "is already defined in " + cart));

        Files.delete(cart);
        Files.delete(triggers.resolve("copy.json"));
        directory.scan();
        assertThat(directory.byId()).isEmpty();
        assertThat(directory.problems()).isEmpty();
    }

    private void assertError(String json, String expected) throws IOException {
        Path file = write("bad.json", json);
        assertThatThrownBy(() -> TriggerFileParser.parse(file))
                .isInstanceOf(LocatedJson.InvalidFile.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
