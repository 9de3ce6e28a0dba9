package org.tailor.content.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tailor.api.segment.ConditionCompiler;
import org.tailor.api.segment.ProfileCondition;

/**
 * Turns one template folder into a {@link TemplatePack}, or into the problems that keep it from
 * going live. A folder with {@code pack.json} is a modular pack:
 * <pre>
 * pack.json            slots, variants, style, images, experiments, purpose
 * subject.vm           required
 * preheader.vm         optional
 * layout.html.vm       required; shows slots as $slot.&lt;name&gt;
 * layout.txt.vm        optional; without it the text part is made from the HTML
 * blocks/&lt;name&gt;.html.vm  a block; blocks/&lt;name&gt;.txt.vm its optional text
 * </pre>
 * Blocks not in the pack's own {@code blocks/} are looked up in the shared blocks folder
 * ({@code _blocks/} beside the packs), so campaigns can reuse them. A folder without
 * {@code pack.json} is a classic pack: {@code subject.vm}, {@code body.html.vm}, {@code body.txt.vm}.
 */
final class PackLoader {

    static final String MANIFEST = "pack.json";
    static final String SHARED_BLOCKS = "_blocks";
    private static final Pattern BLOCK_FILE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,127})\\.html\\.vm");

    /** What loading gave: a pack and no problems, or problems and no pack. */
    record Loaded(TemplatePack pack, List<String> problems) {
    }

    private final SandboxedVelocity velocity;
    private final Path sharedBlocks;
    private final Set<String> schema;
    private final Supplier<Optional<ConditionCompiler>> conditions;

    PackLoader(SandboxedVelocity velocity, Path sharedBlocks, Set<String> schema,
               Supplier<Optional<ConditionCompiler>> conditions) {
        this.velocity = velocity;
        this.sharedBlocks = sharedBlocks;
        this.schema = schema;
        this.conditions = conditions;
    }

    Loaded load(String id, Path folder) {
        List<String> problems = new ArrayList<>();
        PackFiles files = new PackFiles(velocity, problems);
        return Files.exists(folder.resolve(MANIFEST)) ? modular(id, folder, files, problems) : classic(id, folder, files, problems);
    }

    private Loaded classic(String id, Path folder, PackFiles files, List<String> problems) {
        Optional<PackFiles.Parsed> subject = files.template(folder.resolve("subject.vm"), id + "/subject.vm", true);
        Optional<PackFiles.Parsed> html = files.template(folder.resolve("body.html.vm"), id + "/body.html.vm", true);
        Optional<PackFiles.Parsed> text = files.template(folder.resolve("body.txt.vm"), id + "/body.txt.vm", false);
        if (!problems.isEmpty()) {
            return new Loaded(null, List.copyOf(problems));
        }
        return new Loaded(new TemplatePack(id, PackManifest.classic(), PartCompiler.compile(subject.get(), false),
                Optional.empty(), PartCompiler.compile(html.get(), true),
                text.map(t -> PartCompiler.compile(t, false)), Map.of(), List.of()), List.of());
    }

    private Loaded modular(String id, Path folder, PackFiles files, List<String> problems) {
        PackManifest manifest;
        try {
            Optional<String> json = files.text(folder.resolve(MANIFEST), id + "/" + MANIFEST, true);
            if (json.isEmpty()) {
                return new Loaded(null, List.copyOf(problems));
            }
            manifest = PackManifestReader.read(id + "/" + MANIFEST, json.get());
        } catch (TemplateSyntaxException e) {
            return new Loaded(null, List.of(e.getMessage()));
        }
        List<PackLinter.File> parsed = new ArrayList<>();
        Optional<PackLinter.File> subject = file(files, folder, id, "subject.vm", true, false, parsed);
        Optional<PackLinter.File> preheader = file(files, folder, id, "preheader.vm", false, false, parsed);
        Optional<PackLinter.File> layout = file(files, folder, id, "layout.html.vm", true, true, parsed);
        Optional<PackLinter.File> textLayout = file(files, folder, id, "layout.txt.vm", false, false, parsed);
        Map<String, BlockFiles> blocks = blocks(id, folder, manifest, files, parsed, problems);
        // Lint what did parse, so one load reports every problem it can find.
        layout.ifPresent(html -> problems.addAll(new PackLinter(schema).lint(id, manifest, html, textLayout, parsed)));
        List<SlotPlan> slots = slotPlans(id, manifest, problems);
        if (!problems.isEmpty()) {
            return new Loaded(null, List.copyOf(problems));
        }
        Map<String, TemplatePack.Block> compiled = new LinkedHashMap<>();
        blocks.forEach((name, block) -> compiled.put(name, new TemplatePack.Block(name, compile(block.html()),
                block.text().map(PackLoader::compile))));
        return new Loaded(new TemplatePack(id, manifest, compile(subject.get()), preheader.map(PackLoader::compile),
                compile(layout.get()), textLayout.map(PackLoader::compile), Map.copyOf(compiled), slots), List.of());
    }

    private record BlockFiles(PackLinter.File html, Optional<PackLinter.File> text) {
    }

    private static CompiledPart compile(PackLinter.File file) {
        return PartCompiler.compile(new PackFiles.Parsed(file.name(), file.template(), file.source()), file.html());
    }

    private Optional<PackLinter.File> file(PackFiles files, Path folder, String id, String name, boolean required,
                                          boolean html, List<PackLinter.File> parsed) {
        String file = id + "/" + name;
        Optional<PackLinter.File> loaded = files.template(folder.resolve(name), file, required)
                .map(t -> new PackLinter.File(t, html));
        loaded.ifPresent(parsed::add);
        return loaded;
    }

    /** The pack's own blocks and the shared blocks its slots use; a missing one is a problem at its use. */
    private Map<String, BlockFiles> blocks(String id, Path folder, PackManifest manifest, PackFiles files,
                                           List<PackLinter.File> parsed, List<String> problems) {
        Set<String> names = new LinkedHashSet<>(ownBlocks(folder.resolve("blocks")));
        Map<String, PackManifest.Where> used = new LinkedHashMap<>();
        for (PackManifest.Slot slot : manifest.slots()) {
            slot.variants().forEach(v -> used.putIfAbsent(v.block(), v.where()));
            slot.defaultBlock().ifPresent(b -> used.putIfAbsent(b, slot.where()));
        }
        names.addAll(used.keySet());
        Map<String, BlockFiles> blocks = new LinkedHashMap<>();
        for (String name : names) {
            Path own = folder.resolve("blocks").resolve(name + ".html.vm");
            boolean shared = !Files.exists(own);
            Path dir = shared ? sharedBlocks : folder.resolve("blocks");
            String prefix = shared ? SHARED_BLOCKS + "/" : id + "/blocks/";
            if (shared && !Files.exists(sharedBlocks.resolve(name + ".html.vm"))) {
                PackManifest.Where where = used.get(name);
                problems.add(where.file() + ":" + where.line() + ":" + where.column() + ": " + where.path() + ": block '" + name
                        + "' is neither in " + id + "/blocks/ nor in the shared " + SHARED_BLOCKS + "/ folder");
                continue;
            }
            Optional<PackLinter.File> html = files.template(dir.resolve(name + ".html.vm"), prefix + name + ".html.vm", true)
                    .map(t -> new PackLinter.File(t, true));
            Optional<PackLinter.File> text = files.template(dir.resolve(name + ".txt.vm"), prefix + name + ".txt.vm", false)
                    .map(t -> new PackLinter.File(t, false));
            html.ifPresent(parsed::add);
            text.ifPresent(parsed::add);
            html.ifPresent(h -> blocks.put(name, new BlockFiles(h, text)));
        }
        return blocks;
    }

    private static List<String> ownBlocks(Path folder) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.html.vm")) {
            for (Path entry : entries) {
                var name = BLOCK_FILE.matcher(entry.getFileName().toString());
                if (name.matches()) {
                    names.add(name.group(1));
                }
            }
        } catch (IOException e) {
            // The blocks the slots use are still looked up one by one, and a missing one is reported there.
        }
        names.sort(null);
        return names;
    }

    private List<SlotPlan> slotPlans(String id, PackManifest manifest, List<String> problems) {
        List<SlotPlan> plans = new ArrayList<>();
        Optional<ConditionCompiler> compiler = conditions.get();
        for (PackManifest.Slot slot : manifest.slots()) {
            Map<String, ProfileCondition> compiled = new LinkedHashMap<>();
            for (PackManifest.Variant variant : slot.variants()) {
                if (variant.when().isEmpty()) {
                    continue;
                }
                PackManifest.Where where = variant.where();
                if (compiler.isEmpty()) {
                    problems.add(where.file() + ":" + where.line() + ":" + where.column() + ": " + where.path()
                            + ": rules need the segment service, which is not running");
                    continue;
                }
                try {
                    compiled.put(variant.id(), compiler.get().compile(where.file() + " " + where.path() + ".when",
                            variant.when().get()));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            plans.add(new SlotPlan(slot, Map.copyOf(compiled), manifest.experiments()));
        }
        return List.copyOf(plans);
    }
}
