package io.claimflow.console.web.adapter;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page (what the user's roles can open) and the login page. */
@Controller
class HomeController {

    @GetMapping("/")
    @PreAuthorize(ConsoleRoles.ANY_USER)
    String home() {
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
