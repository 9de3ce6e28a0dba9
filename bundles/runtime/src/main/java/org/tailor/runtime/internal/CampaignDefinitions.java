package org.tailor.runtime.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign files of one directory. A file that breaks keeps serving the version that last
 * loaded from it, so a typo saved in an editor never takes a live campaign away.
 *
 * <p>Thread safe: {@link #scan()} publishes an immutable snapshot that readers see whole.
 */
final class CampaignDefinitions {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignDefinitions.class);

    private record Snapshot(Map<String, CampaignDefinition> byId, List<String> problems) {
    }

    private final Path directory;
    /** The last good definition per file; only scan() touches it. */
    private final Map<Path, CampaignDefinition> lastGood = new HashMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    CampaignDefinitions(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    List<CampaignDefinition> all() {
        return List.copyOf(snapshot.byId().values());
    }

    Optional<CampaignDefinition> find(String id) {
        return Optional.ofNullable(snapshot.byId().get(id));
    }

    /** One line per file that failed to load (or lost to a duplicate id); never null. */
    List<String> problems() {
        return snapshot.problems();
    }

    /** Reads the directory again and publishes what loaded. */
    synchronized void scan() {
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try {
            files = jsonFiles();
        } catch (IOException e) {
            // A directory we cannot read right now is no reason to forget the campaigns we have.
            snapshot = new Snapshot(snapshot.byId(), List.of(directory + ":1:1: cannot list campaign files: " + e));
            LOG.warn("Cannot list campaign files in {}: {}", directory, e.toString());
            return;
        }
        TreeMap<Path, CampaignDefinition> current = new TreeMap<>();
        for (Path file : files) {
            try {
                CampaignDefinition loaded = CampaignFileParser.parse(file);
                lastGood.put(file, loaded);
                current.put(file, loaded);
            } catch (CampaignFileParser.InvalidCampaignFile e) {
                problems.add(e.getMessage());
                CampaignDefinition previous = lastGood.get(file);
                if (previous != null) {
                    current.put(file, previous);
                }
            }
        }
        lastGood.keySet().retainAll(current.keySet());

        Map<String, CampaignDefinition> byId = new LinkedHashMap<>();
        current.forEach((file, definition) -> {
            CampaignDefinition first = byId.putIfAbsent(definition.id(), definition);
            if (first != null) {
                problems.add(file + ":1:1: field 'id': campaign '" + definition.id()
                        + "' is already defined in " + first.origin() + "; this file is ignored");
            }
        });
        Snapshot previous = snapshot;
        snapshot = new Snapshot(Map.copyOf(byId), List.copyOf(problems));
        if (!previous.problems().equals(snapshot.problems())) {
            problems.forEach(p -> LOG.warn("Campaign definition not loaded: {}", p));
        }
        if (!previous.byId().keySet().equals(byId.keySet())) {
            LOG.info("Campaigns loaded from {}: {}", directory, byId.keySet());
        }
    }

    private List<Path> jsonFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }
}
