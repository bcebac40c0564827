package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/** What the pages answer alike. */
final class ConsolePages {

    private ConsolePages() {}

    /** The service knows no such thing: the page answers 404 with the service's words (never 500). */
    static String notFound(ServiceAnswer answer, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("status", HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("message", answer.problem());
        return "error-page";
    }
}
