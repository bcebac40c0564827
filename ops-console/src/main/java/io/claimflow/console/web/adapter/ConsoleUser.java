package io.claimflow.console.web.adapter;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is logged in and with which roles, for the templates ({@code @consoleUser.has('BILLER')}): the navigation
 * links only to pages the user's roles can open. Works on error pages too, where no model attributes are added.
 */
@Component("consoleUser")
class ConsoleUser {

    public String name() {
        Authentication who = current();
        return who == null ? null : who.getName();
    }

    public boolean has(String role) {
        Authentication who = current();
        return who != null
                && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }

    private static Authentication current() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || who instanceof AnonymousAuthenticationToken ? null : who;
    }
}
