package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AttributeCodecTest {

    private final AttributeCodec codec = new AttributeCodec();

    @Property(tries = 300)
    void decodeInvertsEncode(@ForAll("attributeMaps") Map<String, Object> values) {
        Map<String, Object> decoded = codec.decode(codec.encode(values));

        assertThat(decoded).isEqualTo(values);
        decoded.forEach((name, value) -> assertThat(value).hasSameClassAs(values.get(name)));
    }

    @Provide
    Arbitrary<Map<String, Object>> attributeMaps() {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(12), values()).ofMaxSize(8);
    }

    @Property(tries = 300)
    void nestedDecodeInvertsEncodeWhateverTheNesting(@ForAll("recordFields") Map<String, Object> fields) {
        AttributeCodec nested = AttributeCodec.nested();
        Map<String, Object> decoded = nested.decode(nested.encode(fields));

        assertThat(decoded).isEqualTo(fields);
        assertSameTypes(decoded, fields);
    }

    @Property(tries = 100)
    void canonicalFormIgnoresKeyOrder(@ForAll("recordFields") Map<String, Object> fields) {
        AttributeCodec nested = AttributeCodec.nested();
        Map<String, Object> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.reverse(keys);
        keys.forEach(k -> reversed.put(k, fields.get(k)));
        assertThat(nested.canonical(reversed)).isEqualTo(nested.canonical(fields));
    }

    @Provide
    Arbitrary<Map<String, Object>> recordFields() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(values(), Arbitraries.shorts().map(Object.class::cast),
                Arbitraries.bytes().map(Object.class::cast));
        Arbitrary<Object> value = Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.of("$date", "$map", "sku", "", "a.b"), inner).ofMaxSize(3)
                        .map(Object.class::cast)), 0, 3);
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), value).ofMaxSize(6);
    }

    private static void assertSameTypes(Object decoded, Object original) {
        if (original instanceof Map<?, ?> map) {
            assertThat(decoded).isInstanceOf(Map.class);
            map.forEach((k, v) -> assertSameTypes(((Map<?, ?>) decoded).get(k), v));
        } else if (original instanceof List<?> list) {
            assertThat(decoded).isInstanceOf(List.class);
            for (int i = 0; i < list.size(); i++) {
                assertSameTypes(((List<?>) decoded).get(i), list.get(i));
            }
        } else if (original != null) {
            assertThat(decoded).hasSameClassAs(original);
        }
    }

    @Test
    void nestedValuesStayReadableJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("items", List.of(Map.of("sku", "A-1"), 2L));
        fields.put("tags", Arrays.asList("x", null));
        fields.put("at", new StringBuilder("odd type"));

        assertThat(AttributeCodec.nested().encode(fields)).isEqualTo("{\"items\":[{\"$map\":{\"sku\":\"A-1\"}},2],"
                + "\"tags\":[\"x\",null],\"at\":{\"$text\":\"odd type\"}}");
        assertThat(AttributeCodec.nested().decode(AttributeCodec.nested().encode(fields)))
                .containsEntry("at", "odd type");
    }

    @Test
    void theFlatCodecStillRefusesListsAndMaps() {
        assertThatThrownBy(() -> codec.encode(Map.of("items", List.of())))
                .hasMessageStartingWith("value of 'items' has unsupported type");
        assertThatThrownBy(() -> codec.encode(Map.of("attributes", Map.of())))
                .hasMessageStartingWith("value of 'attributes' has unsupported type");
    }

    private static Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(-0.0d).withSpecialValue(Double.MIN_VALUE).map(Object.class::cast),
                Arbitraries.floats().withSpecialValue(Float.NEGATIVE_INFINITY).map(Object.class::cast),
                Arbitraries.bigDecimals().ofScale(3).map(Object.class::cast),
                Arbitraries.bigIntegers().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.longs().between(-50_000L, 3_000_000L).map(LocalDate::ofEpochDay).map(Object.class::cast),
                Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
                        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999)
                                .map(n -> Instant.ofEpochSecond(s, n)))
                        .map(Object.class::cast));
    }

    @Test
    void commonTypesStayPlainJson() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("city", "Graz");
        values.put("vip", true);
        values.put("visits", 3L);
        values.put("score", 0.5d);
        values.put("birth_date", LocalDate.of(1990, 4, 1));
        values.put("total", new BigDecimal("19.90"));
        values.put("at", Instant.parse("2025-01-01T00:00:00Z"));

        assertThat(codec.encode(values)).isEqualTo("{\"city\":\"Graz\",\"vip\":true,\"visits\":3,\"score\":0.5,"
                + "\"birth_date\":{\"$date\":\"1990-04-01\"},\"total\":{\"$decimal\":\"19.90\"},"
                + "\"at\":{\"$instant\":\"2025-01-01T00:00:00Z\"}}");
    }

    @Test
    void handWrittenJsonIsReadToo() {
        assertThat(codec.decode("{\"big\":123456789012345678901234567890,\"x\":1e3}"))
                .containsEntry("big", new BigInteger("123456789012345678901234567890"))
                .containsEntry("x", 1000.0d);
    }

    @Test
    void malformedValuesAreNamed() {
        assertThatThrownBy(() -> codec.decode("{\"birth_date\":{\"$date\":\"1990-13-01\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value of 'birth_date' is not a valid $date");
        assertThatThrownBy(() -> codec.decode("{\"tags\":[\"a\"]}"))
                .hasMessage("value of 'tags' is neither a plain JSON value nor a tagged one");
        assertThatThrownBy(() -> codec.decode("[1]")).hasMessage("expected a JSON object");
        assertThatThrownBy(() -> codec.decode("{")).hasMessageStartingWith("not valid JSON");
    }
}
