package io.claimflow.console.web.adapter;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path the console does not have, or a page used with the wrong method: the console's error page, not the
 * platform's problem JSON (which answers these for the services' REST APIs). After {@link PageErrors}, which answers
 * for the pages' own controllers.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnknownPaths {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    String notFound(HttpServletResponse response, Model model) {
        return ConsolePages.errorPage(HttpServletResponse.SC_NOT_FOUND, null, model, response);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    String wrongMethod(HttpServletResponse response, Model model) {
        return ConsolePages.errorPage(HttpServletResponse.SC_METHOD_NOT_ALLOWED, null, model, response);
    }
}
