package io.claimflow.claim.web.adapter;

import io.claimflow.claim.model.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The person behind the current REST call, for the claim timeline. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The authenticated user's name; {@code anonymous} until security is switched on. */
    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication.getName() == null || authentication.getName().isBlank()) {
            return "anonymous";
        }
        return authentication.getName();
    }

    public static Actor actor() {
        return Actor.user(name());
    }
}
