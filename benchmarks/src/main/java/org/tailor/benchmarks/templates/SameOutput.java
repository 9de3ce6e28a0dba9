package org.tailor.benchmarks.templates;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The check run before measuring: an engine must write exactly the reference's bytes for every recipient. */
public final class SameOutput {

    private SameOutput() {
    }

    /**
     * @throws IllegalStateException naming the first recipient whose email differs, the byte
     *         offset and the text around it in both outputs
     */
    public static void check(String engine, EmailEngine.Rendering candidate, String referenceName,
                             EmailEngine.Rendering reference, int recipients) throws Exception {
        for (int i = 0; i < recipients; i++) {
            byte[] expected = reference.render(i).getBytes(StandardCharsets.UTF_8);
            byte[] actual = candidate.render(i).getBytes(StandardCharsets.UTF_8);
            int at = Arrays.mismatch(expected, actual);
            if (at >= 0) {
                throw new IllegalStateException(engine + " writes other bytes than " + referenceName + " for recipient "
                        + i + " from byte " + at + " on (" + actual.length + " bytes against " + expected.length
                        + "):\n  " + referenceName + ": " + around(expected, at) + "\n  " + engine + ": " + around(actual, at));
            }
        }
    }

    private static String around(byte[] bytes, int at) {
        int from = Math.max(0, at - 60);
        int to = Math.min(bytes.length, at + 60);
        return "..." + new String(bytes, from, to - from, StandardCharsets.UTF_8).replace("\n", "\\n") + "...";
    }
}
