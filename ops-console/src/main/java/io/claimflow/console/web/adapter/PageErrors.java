package io.claimflow.console.web.adapter;

import io.claimflow.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The pages' errors as a page, not a problem detail: not found, bad input. The text names ids only (the platform's
 * exceptions' messages); a value the user typed is never echoed. Access errors are left to the filter chain.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, HttpServletResponse response, Model model) {
        return ConsolePages.errorPage(e.status().value(), e.getMessage(), model, response);
    }

    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        IllegalArgumentException.class
    })
    String badInput(Exception e, HttpServletResponse response, Model model) {
        return ConsolePages.errorPage(
                400,
                e instanceof MethodArgumentTypeMismatchException m
                        ? "'" + m.getName() + "' is not valid"
                        : e instanceof MissingServletRequestParameterException m
                                ? "'" + m.getParameterName() + "' is missing"
                                : "The request is not valid",
                model,
                response);
    }

    /**
     * Anything else a page meets (a service's answer of an unexpected shape, the database away): a 500 page that says
     * so, never the platform's problem JSON shown as the page. Access refusals go on to the filter chain.
     */
    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        LOG.error("A page failed: {}", e.getClass().getName());
        return ConsolePages.errorPage(500, null, model, response);
    }
}
