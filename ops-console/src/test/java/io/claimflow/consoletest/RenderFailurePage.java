package io.claimflow.consoletest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A page whose template fails while it renders (outside the console's packages, so only the test that imports it has
 * it): the model's value throws when the template reads it, with the request's input in its message.
 */
@Controller
public class RenderFailurePage {

    public static final String PATH = "/test-only/render-failure";

    @GetMapping(PATH)
    @PreAuthorize("hasRole('BILLER')")
    String page(@RequestParam String q, Model model) {
        model.addAttribute("broken", new Broken(q));
        return "render-failure";
    }

    /** A value whose reading fails, like a template naming a property the model does not have. */
    public record Broken(String input) {
        public String text() {
            throw new IllegalStateException("cannot render " + input);
        }
    }
}
