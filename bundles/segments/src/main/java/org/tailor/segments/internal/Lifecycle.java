package org.tailor.segments.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tailor.segments.internal.LocatedJson.Position;

/**
 * The lifecycle stages, in priority order: a profile is in the first stage whose rule matches,
 * and in {@link #NONE} when no stage does. Read from {@code lifecycle.seg} or
 * {@code lifecycle.json} in the segments directory.
 *
 * @param stages one or more, with distinct names
 */
record Lifecycle(List<Stage> stages) {

    /** Stage names, as conditions and files write them. */
    static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** The stage of a profile no stage's rule matches. */
    static final String NONE = "none";

    /** A lifecycle as read from its file, with where each stage starts, for messages. */
    record Parsed(Lifecycle lifecycle, List<Position> positions) {
        Parsed {
            Objects.requireNonNull(lifecycle, "lifecycle");
            positions = List.copyOf(positions);
        }
    }

    /** Why a lifecycle condition cannot test {@code name}, or empty if it can ({@link #NONE} included). */
    static Optional<String> problemWithStage(String name) {
        return STAGE.matcher(name).matches() ? Optional.empty()
                : Optional.of("a stage name is 1 to 64 lower-case letters, digits and _, starting with a letter, got '" + name + "'");
    }

    /** Why {@code name} cannot name a stage in a lifecycle file, or empty if it can. */
    static Optional<String> problemWithName(String name) {
        if (name.equals(NONE)) {
            return Optional.of("'none' is the stage of profiles no stage matches; give this stage another name");
        }
        return problemWithStage(name);
    }

    /** One stage: its name and who is in it, unless an earlier stage took them. */
    record Stage(String name, Rule rule) {
        Stage {
            Objects.requireNonNull(name, "name");
            if (!STAGE.matcher(name).matches() || name.equals(NONE)) {
                throw new IllegalArgumentException("stage name must match " + STAGE + " and not be 'none': " + name);
            }
            Objects.requireNonNull(rule, "rule");
        }
    }

    Lifecycle {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a lifecycle needs at least one stage");
        }
        Set<String> names = new HashSet<>();
        for (Stage stage : stages) {
            if (!names.add(stage.name())) {
                throw new IllegalArgumentException("stage '" + stage.name() + "' is defined twice");
            }
        }
    }

    /** The stage names in order, without {@link #NONE}. */
    List<String> names() {
        return stages.stream().map(Stage::name).toList();
    }
}
