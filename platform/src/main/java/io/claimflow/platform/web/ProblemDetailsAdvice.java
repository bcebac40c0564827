package io.claimflow.platform.web;

import io.claimflow.platform.observability.Redaction;
import io.claimflow.platform.validation.InvalidInputException;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every REST error of a ClaimFlow service as an RFC 9457 problem detail, never a stack trace or an exception class
 * name, and never a value the caller sent (it may be patient data).
 *
 * <ul>
 *   <li>400: failed Bean Validation ({@code errors}: field and message per violation), unreadable JSON (where:
 *   the field path, or line and column), wrong parameter types, missing parameters, {@link BadRequestException},
 *   {@code InvalidInputException} (its message), any other {@link IllegalArgumentException} (a fixed text: the JDK's
 *   and libraries' messages quote the value).</li>
 *   <li>404 {@link NotFoundException} (and unknown paths), 409 {@link ConflictException} and duplicate keys, 422
 *   {@link UnprocessableException}.</li>
 *   <li>500 for anything else: a fixed text and a reference that is also in the log, where the error is logged with
 *   its classes and stack frames but without messages.</li>
 * </ul>
 * Lowest precedence: a service's own {@code @RestControllerAdvice} wins, so services keep to mapping their own
 * exceptions and leave Spring MVC's and the JDK's to this one (each service's *HostileInputTest checks it). 401 and
 * 403 are answered by the security
 * filter chain.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** The detail of a 400 for an {@link IllegalArgumentException}. */
    public static final String INVALID_VALUE = "The request has a missing or invalid value";

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException e) {
        ProblemDetail problem = problem(e.status(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getConstraintViolations()
                .forEach(violation -> errors.add(
                        error(lastNode(String.valueOf(violation.getPropertyPath())), violation.getMessage())));
        return invalid(errors);
    }

    // Thrown by the JDK and libraries as much as by ClaimFlow code, often quoting the value it refused ("Invalid UUID
    // string: ...", "No enum constant ..."): a fixed text. Checks with a message for the caller throw
    // BadRequestException or InvalidInputException, whose messages are written for the caller.
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Bad request",
                e instanceof InvalidInputException ? e.getMessage() : INVALID_VALUE);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicateKey(DuplicateKeyException e) {
        // PostgreSQL's message quotes the key's values.
        return problem(HttpStatus.CONFLICT, "Conflict", "The request conflicts with an existing record");
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(Exception e) throws Exception {
        // Rethrown as it is: the security filter chain answers 401 or 403 and audits the refusal.
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the client went away mid-request (Tomcat's ClientAbortException, a reset): nothing to answer, not an
            // error
            LOG.debug("Client disconnected before the answer: {}", e.getClass().getSimpleName());
            return null;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Unexpected error, reference {}", reference, Redaction.withoutMessages(e));
        ProblemDetail problem = problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The request failed unexpectedly; quote reference " + reference);
        problem.setProperty("reference", reference);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ObjectError error : e.getBindingResult().getAllErrors()) {
            errors.add(describe(error));
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).headers(headers).body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors().forEach(error -> {
                    if (error instanceof FieldError fieldError) {
                        errors.add(describe(fieldError));
                    } else {
                        errors.add(error(result.getMethodParameter().getParameterName(), error.getDefaultMessage()));
                    }
                }));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).headers(headers).body(invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .headers(headers)
                .body(problem(HttpStatus.BAD_REQUEST, "Unreadable request", unreadable(e)));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "a parameter";
        String type = e.getRequiredType() == null
                ? "valid"
                : "a valid " + e.getRequiredType().getSimpleName();
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .headers(headers)
                .body(problem(HttpStatus.BAD_REQUEST, "Bad request", "'" + name + "' must be " + type));
    }

    // Everything else Spring MVC answers itself (404 unknown path, 405, 415, missing parameter...): a problem detail
    // with Spring's fixed texts, made sure to be one.
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Object problem = body instanceof ProblemDetail
                ? body
                : problem(
                        HttpStatus.valueOf(status.value()),
                        HttpStatus.valueOf(status.value()).getReasonPhrase(),
                        null);
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static String unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                String path = path(jackson);
                if (!path.isEmpty()) {
                    return "'" + path + "' has a value of the wrong type or format";
                }
                if (jackson instanceof StreamReadException && jackson.getLocation() != null) {
                    return "The request body is not valid JSON (line "
                            + jackson.getLocation().getLineNr() + ", column "
                            + jackson.getLocation().getColumnNr() + ")";
                }
                return "The request body is not valid JSON";
            }
        }
        return "The request body is missing or not readable";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Map<String, String> describe(ObjectError error) {
        if (error instanceof FieldError field) {
            // A binding failure's default message quotes the rejected value.
            return error(
                    field.getField(),
                    field.isBindingFailure() ? "has an invalid value or type" : field.getDefaultMessage());
        }
        return error(error.getObjectName(), error.getDefaultMessage());
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message == null ? "is invalid" : message);
        return error;
    }

    private static String lastNode(String propertyPath) {
        // "release.arg0.amount" -> "amount"; "release.claimId" -> "claimId"
        String[] parts = propertyPath.split("\\.");
        return parts.length > 1
                ? String.join(".", List.of(parts).subList(Math.min(parts.length - 1, 1), parts.length))
                : propertyPath;
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        StringBuilder detail = new StringBuilder("Invalid request: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : "; ")
                    .append(errors.get(i).get("field"))
                    .append(' ')
                    .append(errors.get(i).get("message"));
        }
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST, "Invalid request", errors.isEmpty() ? "Invalid request" : detail.toString());
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(title);
        if (detail != null) {
            problem.setDetail(detail);
        }
        return problem;
    }
}
