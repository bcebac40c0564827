package io.claimflow.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The person behind the current REST call, for timelines and audit records (a user name, never patient data). */
public final class CurrentUser {

    private CurrentUser() {}

    /** The authenticated user's name; {@code anonymous} until security is switched on. */
    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication.getName() == null
                || authentication.getName().isBlank()) {
            return "anonymous";
        }
        return authentication.getName();
    }
}
