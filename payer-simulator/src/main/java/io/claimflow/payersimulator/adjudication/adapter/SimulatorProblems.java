package io.claimflow.payersimulator.adjudication.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The simulator's 400s as RFC 9457 problem details in the platform's style (the simulator stands outside the
 * platform): each wrong field named with what it must be, never the value sent. Spring's own texts for a type
 * mismatch quote the value; these do not.
 */
@RestControllerAdvice
class SimulatorProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(error -> errors.add(Map.of(
                        "field",
                        error.getField(),
                        "message",
                        error.isBindingFailure() ? "has an invalid value or type" : error.getDefaultMessage())));
        return invalid(headers, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(Map.of(
                                "field",
                                error instanceof FieldError field
                                        ? field.getField()
                                        : String.valueOf(
                                                result.getMethodParameter().getParameterName()),
                                "message",
                                String.valueOf(error.getDefaultMessage())))));
        return invalid(headers, errors);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        String type = e.getRequiredType() == null
                ? "valid"
                : "a valid " + e.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest()
                .headers(headers)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, name + " must be " + type));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is not valid JSON or has a value of the wrong type");
        problem.setTitle("Unreadable request");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    private static ResponseEntity<Object> invalid(HttpHeaders headers, List<Map<String, String>> errors) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid values");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }
}
