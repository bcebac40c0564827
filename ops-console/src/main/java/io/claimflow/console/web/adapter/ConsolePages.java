package io.claimflow.console.web.adapter;

import io.claimflow.console.services.ServiceAnswer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/** What the pages answer alike. */
final class ConsolePages {

    private ConsolePages() {}

    /** The service knows no such thing: the page answers 404 with the service's words (never 500). */
    static String notFound(ServiceAnswer answer, Model model, HttpServletResponse response) {
        return errorPage(HttpServletResponse.SC_NOT_FOUND, answer.problem(), model, response);
    }

    /**
     * The console's one error page ({@code error.html}) with {@code status}: its title in words and {@code message}
     * (ids and a service's words at most, never what the user typed); null for the status's own sentence.
     */
    static String errorPage(int status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", ErrorWords.title(status));
        model.addAttribute("message", message == null ? ErrorWords.sentence(status) : message);
        return "error";
    }
}
