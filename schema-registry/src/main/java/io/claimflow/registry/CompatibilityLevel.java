package io.claimflow.registry;

import java.util.Locale;
import java.util.Optional;

/** Confluent's compatibility levels; which directions are checked and against how many earlier versions. */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** Confluent's default when neither the subject nor the registry has a level configured. */
    static final CompatibilityLevel DEFAULT = BACKWARD;

    /** The new schema must read data written with the earlier ones. */
    final boolean backward;
    /** The earlier schemas must read data written with the new one. */
    final boolean forward;
    /** Check against every live version, not only the latest. */
    final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Case-insensitive, as people type {@code full} as often as {@code FULL}. */
    static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
