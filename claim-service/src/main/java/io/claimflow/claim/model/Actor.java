package io.claimflow.claim.model;

import java.util.Objects;

/** Who or what made a change: a person, a routing rule, the payer, or the service itself. */
public record Actor(Kind kind, String id) {

    /** Kind of actor. */
    public enum Kind {
        SYSTEM,
        RULE,
        USER,
        PAYER
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("actor id is required");
        }
    }

    public static Actor system(String id) {
        return new Actor(Kind.SYSTEM, id);
    }

    public static Actor rule(String id) {
        return new Actor(Kind.RULE, id);
    }

    public static Actor user(String id) {
        return new Actor(Kind.USER, id);
    }

    public static Actor payer(String payerId) {
        return new Actor(Kind.PAYER, payerId);
    }
}
