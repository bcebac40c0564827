package io.claimflow.schemas.registry;

import java.util.List;

/**
 * The registry's verdict on whether a schema could be registered under a subject, with the reasons it gave
 * (registries that do not support verbose answers give none).
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
