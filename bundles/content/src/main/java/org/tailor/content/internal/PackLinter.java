package org.tailor.content.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.parser.node.ASTBlock;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.ASTprocess;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * The checks a modular pack must pass before it goes live, beyond parsing: every slot shown and
 * given a default, every variant reachable, every merge field known to the profile schema and
 * given a default, and an unsubscribe link in marketing messages. Each problem is one line naming
 * the file, line and column.
 */
final class PackLinter {

    private static final Pattern PROFILE_FIELD = Pattern.compile("\\$!?\\{?profile\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern PROFILE_GET = Pattern.compile(
            "\\$!?\\{?profile\\.get\\(\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]\\s*(,)?");
    private static final Pattern SLOT = Pattern.compile("\\$!?\\{?slot\\.([A-Za-z_][A-Za-z0-9_-]*)");
    private static final Set<String> ALWAYS_PRESENT = Set.of("id", "email");

    /** A parsed file of the pack. */
    record File(String name, Template template, String source, boolean html) {

        File(PackFiles.Parsed parsed, boolean html) {
            this(parsed.file(), parsed.template(), parsed.source(), html);
        }
    }

    private final Set<String> schema;
    private final List<String> problems = new ArrayList<>();

    /** @param schema the profile attributes templates may use */
    PackLinter(Set<String> schema) {
        this.schema = schema;
    }

    List<String> lint(String id, PackManifest manifest, File htmlLayout, Optional<File> textLayout, List<File> all) {
        slotsShown(manifest, htmlLayout, textLayout);
        for (PackManifest.Slot slot : manifest.slots()) {
            if (slot.defaultBlock().isEmpty()) {
                problem(slot.where(), "slot has no default block: a recipient no variant matches would get nothing; add \"default\"");
            }
            reachable(slot, manifest.experiments());
        }
        for (File file : all) {
            mergeFields(file);
        }
        if (PackManifest.MARKETING.equals(manifest.purpose())) {
            unsubscribeLink(id, all.stream().filter(File::html).toList(), htmlLayout);
            // A text layout links when it does itself or shows a slot, whose text comes from blocks checked above.
            textLayout.filter(text -> !showsASlot(text)).ifPresent(text -> unsubscribeLink(id, List.of(text), text));
        }
        return List.copyOf(problems);
    }

    private void slotsShown(PackManifest manifest, File htmlLayout, Optional<File> textLayout) {
        Set<String> declared = new HashSet<>();
        manifest.slots().forEach(s -> declared.add(s.name()));
        Set<String> shown = new TreeSet<>();
        references(root(htmlLayout), reference -> {
            Matcher slot = SLOT.matcher(reference.literal());
            if (reference.getRootString().equals("slot") && slot.lookingAt()) {
                shown.add(slot.group(1));
                if (!declared.contains(slot.group(1))) {
                    problems.add(at(htmlLayout, reference) + "slot '" + slot.group(1) + "' is not declared in pack.json; declared: "
                            + new TreeSet<>(declared));
                }
            }
        });
        textLayout.ifPresent(text -> references(root(text), reference -> {
            Matcher slot = SLOT.matcher(reference.literal());
            if (reference.getRootString().equals("slot") && slot.lookingAt() && !declared.contains(slot.group(1))) {
                problems.add(at(text, reference) + "slot '" + slot.group(1) + "' is not declared in pack.json");
            }
        }));
        for (PackManifest.Slot slot : manifest.slots()) {
            if (!shown.contains(slot.name())) {
                problem(slot.where(), "the layout never shows this slot: add $slot." + slot.name() + " to " + htmlLayout.name());
            }
        }
    }

    /**
     * A variant is unreachable when one tried before it matches everyone it could match: an
     * unconditional variant, the same rule for the same arm, or every arm of its experiment
     * covered without a rule.
     */
    private void reachable(PackManifest.Slot slot, Map<String, Map<String, Integer>> experiments) {
        Set<String> seen = new HashSet<>();
        Map<String, Set<String>> armsCovered = new java.util.HashMap<>();
        String blocker = null;
        for (PackManifest.Variant variant : slot.variants()) {
            String key = variant.when().map(w -> w.replaceAll("\\s+", " ")).orElse("") + "|"
                    + variant.experiment().map(a -> a.experiment() + "=" + a.arm()).orElse("");
            if (blocker != null) {
                problem(variant.where(), "variant '" + variant.id() + "' can never be chosen: " + blocker);
            } else if (!seen.add(key)) {
                problem(variant.where(), "variant '" + variant.id() + "' can never be chosen: an earlier variant has the same "
                        + "rule" + (variant.experiment().isPresent() ? " and arm" : ""));
            }
            if (variant.unconditional() && blocker == null) {
                blocker = "variant '" + variant.id() + "' before it has no rule and matches everyone";
            }
            if (variant.when().isEmpty() && variant.experiment().isPresent() && blocker == null) {
                String experiment = variant.experiment().get().experiment();
                Set<String> covered = armsCovered.computeIfAbsent(experiment, e -> new HashSet<>());
                covered.add(variant.experiment().get().arm());
                if (covered.containsAll(experiments.getOrDefault(experiment, Map.of()).keySet())) {
                    blocker = "the variants before it cover every arm of experiment " + experiment;
                }
            }
        }
        if (blocker != null && slot.defaultBlock().isPresent()) {
            problem(slot.where(), "the default can never be chosen: " + blocker);
        }
    }

    private void mergeFields(File file) {
        references(root(file), reference -> {
            if (!reference.getRootString().equals("profile")) {
                return;
            }
            String literal = reference.literal();
            Matcher get = PROFILE_GET.matcher(literal);
            Matcher field = PROFILE_FIELD.matcher(literal);
            String name;
            boolean defaulted;
            if (get.lookingAt()) {
                name = get.group(1);
                defaulted = get.group(2) != null;
            } else if (field.lookingAt() && !field.group(1).equals("get")) {
                name = field.group(1);
                defaulted = false;
            } else {
                return; // $profile alone, or a name computed at render time
            }
            if (ALWAYS_PRESENT.contains(name)) {
                return;
            }
            if (!schema.contains(name)) {
                problems.add(at(file, reference) + "unknown merge field $profile." + name
                        + " (not in the profile schema, profile.attributes); known: " + new TreeSet<>(schema));
                return;
            }
            boolean written = reference.jjtGetParent() instanceof ASTprocess || reference.jjtGetParent() instanceof ASTBlock;
            boolean quiet = literal.startsWith("$!");
            if (written && !defaulted && !quiet && !literal.contains("|")) {
                problems.add(at(file, reference) + "merge field $profile." + name + " has no default: write $profile.get(\""
                        + name + "\", \"…\"), or $!profile." + name + " to write nothing");
            }
        });
    }

    private void unsubscribeLink(String id, List<File> files, File reported) {
        boolean linked = files.stream().anyMatch(file -> {
            boolean[] found = {false};
            references(root(file), reference -> {
                String literal = reference.literal();
                found[0] |= reference.getRootString().equals("unsubscribe_url")
                        || (reference.getRootString().equals("raw") && literal.contains("unsubscribe_url"));
            });
            return found[0];
        });
        if (!linked) {
            problems.add(reported.name() + ":1:1: a marketing message must link to $unsubscribe_url (one-click unsubscribe); "
                    + "set \"purpose\" in " + id + "/pack.json if these messages are not marketing");
        }
    }

    private static boolean showsASlot(File file) {
        boolean[] shows = {false};
        references(root(file), reference -> shows[0] |= reference.getRootString().equals("slot"));
        return shows[0];
    }

    private void problem(PackManifest.Where where, String reason) {
        problems.add(where.file() + ":" + where.line() + ":" + where.column() + ": " + where.path() + ": " + reason);
    }

    private static String at(File file, ASTReference reference) {
        return file.name() + ":" + reference.getLine() + ":" + reference.getColumn() + ": ";
    }

    private static Node root(File file) {
        return (Node) file.template().getData();
    }

    private static void references(Node node, java.util.function.Consumer<ASTReference> visitor) {
        if (node instanceof ASTReference reference) {
            visitor.accept(reference);
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            references(node.jjtGetChild(i), visitor);
        }
    }
}
