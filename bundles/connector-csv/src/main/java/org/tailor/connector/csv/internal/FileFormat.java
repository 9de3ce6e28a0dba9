package org.tailor.connector.csv.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a file in the inbox is written, told by its extension (any case). */
enum FileFormat {

    CSV(List.of(".csv")),
    JSON_LINES(List.of(".jsonl", ".ndjson"));

    private final List<String> extensions;

    FileFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    static Optional<FileFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.extensions.stream().anyMatch(name::endsWith)).findFirst();
    }

    /** {@code customers} for {@code customers.csv} or {@code customers.NDJSON}; other names unchanged. */
    static String stripExtension(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (FileFormat format : values()) {
            for (String extension : format.extensions) {
                if (name.endsWith(extension)) {
                    return fileName.substring(0, fileName.length() - extension.length());
                }
            }
        }
        return fileName;
    }
}
