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

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", e.getMessage());
        return "error-page";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class})
    String badInput(Exception e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("message", e instanceof MethodArgumentTypeMismatchException m
                ? "'" + m.getName() + "' is not valid" : e instanceof MissingServletRequestParameterException m
                ? "'" + m.getParameterName() + "' is missing" : "The request is not valid");
        return "error-page";
    }
}
