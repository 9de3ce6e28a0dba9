package org.tailor.shell.internal;

import java.util.Locale;
import org.tailor.api.model.SubjectRequest;

/** One data-subject request in one line. */
final class SubjectRequestFormat {

    private SubjectRequestFormat() {
    }

    static String line(SubjectRequest r) {
        return r.id() + " " + r.kind().name().toLowerCase(Locale.ROOT) + " of " + r.profileId() + " by " + r.actor()
                + ": " + r.state().name().toLowerCase(Locale.ROOT) + ", requested " + Formats.time(r.requestedAt())
                + r.completedAt().map(at -> ", completed " + Formats.time(at)).orElse("")
                + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
    }
}
