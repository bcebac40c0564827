package io.claimflow.console.web.adapter;

import io.claimflow.platform.security.ClaimFlowSecurityProperties;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page (what the user's roles can open) and the login page (a note instead of a form in JWT mode). */
@Controller
class HomeController {

    private final boolean bearerOnly;

    HomeController(ClaimFlowSecurityProperties security) {
        this.bearerOnly = security.mode() == ClaimFlowSecurityProperties.Mode.JWT;
    }

    @GetMapping("/")
    @PreAuthorize(ConsoleRoles.ANY_USER)
    String home() {
        return "home";
    }

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    String login(Model model) {
        model.addAttribute("bearerOnly", bearerOnly);
        return "login";
    }
}
