package org.tailor.content.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Template packs shipped inside bundles: a bundle whose manifest has {@value #HEADER} (a folder in
 * the bundle, e.g. {@code templates}) contributes every pack folder under it. The files are copied
 * to a folder of their own per bundle under Tailor's data directory, which a {@link TemplateLibrary}
 * reads like the etc folder; updating the bundle (a new jar in deploy/) replaces them, uninstalling
 * it removes them. Packs in etc win over packs of the same id from bundles, so an admin can
 * override one.
 */
final class BundleTemplates implements BundleTrackerCustomizer<Path> {

    static final String HEADER = "Tailor-Templates";
    private static final Logger LOG = LoggerFactory.getLogger(BundleTemplates.class);
    private static final long MAX_ENTRY_BYTES = PackFiles.MAX_FILE_BYTES;
    private static final int MAX_ENTRIES = 10_000;

    private final Path root;
    private final Runnable changed;
    /** Bundle symbolic name to the problems of copying its templates. */
    private final Map<String, List<String>> problems = new ConcurrentHashMap<>();

    /** @param changed told after a bundle's packs appeared, changed or went */
    BundleTemplates(Path root, Runnable changed) {
        this.root = root;
        this.changed = changed;
    }

    Path root() {
        return root;
    }

    List<String> problems() {
        return problems.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public Path addingBundle(Bundle bundle, BundleEvent event) {
        String folder = bundle.getHeaders().get(HEADER);
        if (folder == null || folder.isBlank()) {
            return null;
        }
        Path target = copy(bundle, folder.strip());
        changed.run();
        return target;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Path target) {
        if (event != null && event.getType() == BundleEvent.UPDATED) {
            copy(bundle, bundle.getHeaders().get(HEADER) == null ? "" : bundle.getHeaders().get(HEADER).strip());
            changed.run();
        }
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Path target) {
        delete(target);
        problems.remove(bundle.getSymbolicName());
        changed.run();
    }

    /** Copies the bundle's packs to its own folder under the root, replacing what an earlier version left. */
    private Path copy(Bundle bundle, String folder) {
        String name = bundle.getSymbolicName() + "_" + bundle.getBundleId();
        Path target = root.resolve(name);
        Path staging = root.resolve("." + name + ".new");
        List<String> found = new ArrayList<>();
        try {
            delete(staging);
            Files.createDirectories(staging);
            String prefix = folder.replaceAll("^/+|/+$", "") + "/";
            Enumeration<URL> entries = bundle.findEntries(prefix, "*", true);
            int count = 0;
            while (entries != null && entries.hasMoreElements()) {
                URL entry = entries.nextElement();
                String path = entry.getPath().replaceFirst("^/+", "");
                if (path.endsWith("/") || !path.startsWith(prefix)) {
                    continue;
                }
                Path file = staging.resolve(path.substring(prefix.length())).normalize();
                if (!file.startsWith(staging) || ++count > MAX_ENTRIES) {
                    found.add(bundle.getSymbolicName() + ":" + path + ":1:1: not copied (outside the folder, or more than "
                            + MAX_ENTRIES + " files)");
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = entry.openStream()) {
                    if (Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING) > MAX_ENTRY_BYTES) {
                        Files.delete(file);
                        found.add(bundle.getSymbolicName() + ":" + path + ":1:1: larger than " + MAX_ENTRY_BYTES + " bytes");
                    }
                }
            }
            delete(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Template packs of bundle {} from {} copied to {}", bundle.getSymbolicName(), prefix, target);
        } catch (IOException | UncheckedIOException e) {
            found.add(bundle.getSymbolicName() + ":" + folder + ":1:1: cannot copy the bundle's templates: " + e);
            LOG.warn("Cannot copy the template packs of bundle {}: {}", bundle.getSymbolicName(), e.toString());
        }
        if (found.isEmpty()) {
            problems.remove(bundle.getSymbolicName());
        } else {
            problems.put(bundle.getSymbolicName(), List.copyOf(found));
        }
        return target;
    }

    /** Marks a folder as Tailor's own, so that {@link #clear} never empties a folder it did not make. */
    private static final String MARKER = ".tailor-bundle-templates";

    /**
     * Empties the folder if Tailor made it (or creates and marks it): copies left by an earlier run
     * may be of bundles no longer installed.
     */
    static void clear(Path root) {
        try {
            if (Files.exists(root.resolve(MARKER))) {
                try (Stream<Path> children = Files.list(root)) {
                    for (Path child : (Iterable<Path>) children.filter(c -> !c.getFileName().toString().equals(MARKER))::iterator) {
                        delete(child);
                    }
                }
            } else if (!Files.exists(root) || isEmpty(root)) {
                Files.createDirectories(root);
                Files.writeString(root.resolve(MARKER), "Template packs copied from bundles by Tailor; emptied at start.\n");
            } else {
                LOG.warn("{} is not empty and was not made by Tailor; it is left as it is", root);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot prepare the bundle templates folder {}: {}", root, e.toString());
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isEmpty();
        }
    }

    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
