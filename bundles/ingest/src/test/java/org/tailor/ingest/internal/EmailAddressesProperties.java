package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.web.api.Email;

class EmailAddressesProperties {

    @Property
    void normalizingIsIdempotent(@ForAll String raw) {
        String once = EmailAddresses.normalize(raw);
        assertThat(EmailAddresses.normalize(once)).isEqualTo(once);
    }

    @Property
    void normalizingIsIdempotentForAddressLikeInput(@ForAll("messyAddresses") String raw) {
        String once = EmailAddresses.normalize(raw);
        assertThat(EmailAddresses.normalize(once)).isEqualTo(once);
    }

    /** Whatever is accepted stays accepted and unchanged when it comes round again (export, re-import). */
    @Property
    void acceptedAddressesRoundTrip(@ForAll("messyAddresses") String raw) {
        String normalized = EmailAddresses.normalize(raw);
        if (EmailAddresses.problem(normalized).isEmpty()) {
            assertThat(EmailAddresses.normalize(normalized)).isEqualTo(normalized);
            assertThat(EmailAddresses.problem(normalized)).isEmpty();
            assertThat(normalized).doesNotContainAnyWhitespaces().hasSizeLessThanOrEqualTo(254);
        }
    }

    @Property
    void plainAddressesAreAccepted(@ForAll("plainAddresses") String address) {
        assertThat(EmailAddresses.problem(EmailAddresses.normalize(address))).isEmpty();
    }

    @Property(tries = 200)
    void webAddressesWithHostNamesAreAcceptedOrRefusedWithAReason(@ForAll @Email(ipv4Host = false, ipv6Host = false, quotedLocalPart = false) String address) {
        String normalized = EmailAddresses.normalize(address);
        EmailAddresses.problem(normalized).ifPresent(reason -> assertThat(reason).isNotBlank().doesNotContain(normalized));
    }

    @Provide
    Arbitrary<String> plainAddresses() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-").ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> label = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> tld = Arbitraries.strings().alpha().ofMinLength(2).ofMaxLength(6);
        return Combinators.combine(local, label, tld).as((l, d, t) -> "  " + l + "@" + d + "." + t + " ");
    }

    @Provide
    Arbitrary<String> messyAddresses() {
        Arbitrary<String> part = Arbitraries.strings().withChars("aZ9.@_-+ \t'\"").ofMaxLength(12);
        return Combinators.combine(part, part, part).as((a, b, c) -> a + "@" + b + "." + c);
    }
}
