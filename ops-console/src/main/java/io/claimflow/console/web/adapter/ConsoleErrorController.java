package io.claimflow.console.web.adapter;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error that reaches the container's error page ({@code /error}): an unknown path, a template that failed while
 * rendering, a refusal the filter chain answered with a status. It is always the console's page ({@code error.html}),
 * whatever the request accepts: the status and a sentence for people, never the exception, its message, a stack trace,
 * problem JSON or anything the request carried. Errors a page's controller meets are {@link PageErrors}'.
 */
@Controller
class ConsoleErrorController implements ErrorController {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleErrorController.class);

    @RequestMapping("/error")
    @PreAuthorize("permitAll()")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = status(request);
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            // the class only: a message can carry what was typed or read
            LOG.error("A page failed: {}", failure.getClass().getName());
        }
        return ConsolePages.errorPage(status, null, model, response);
    }

    private static int status(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code
                : 500;
    }
}
