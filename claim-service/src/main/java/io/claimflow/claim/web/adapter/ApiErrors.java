package io.claimflow.claim.web.adapter;

import io.claimflow.claim.feeschedule.FeeScheduleConflictException;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.IllegalTransitionException;
import io.claimflow.claim.work.UnprocessableClaimException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * RFC 9457 problem details for claim-service's own endpoints: 400 bad input, 404 unknown claim, 409 a change the
 * claim's state does not allow, 422 a claim that still fails the scrubber. Messages name ids, never patient data.
 */
@RestControllerAdvice(basePackages = "io.claimflow.claim")
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ClaimNotFoundException.class)
    ProblemDetail notFound(ClaimNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Claim not found", e.getMessage());
    }

    @ExceptionHandler({IllegalTransitionException.class, FeeScheduleConflictException.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Not allowed in the claim's current state", e.getMessage());
    }

    @ExceptionHandler(UnprocessableClaimException.class)
    ProblemDetail unprocessable(UnprocessableClaimException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Claim still fails the scrubber",
                e.getMessage());
        problem.setProperty("reasons", e.findings().stream()
                .map(f -> f.ruleId() + ": " + f.message()).toList());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<String> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage()).toList();
        return problem(HttpStatus.BAD_REQUEST, "Bad request", String.join("; ", errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        String errors = e.getAllErrors().stream().map(m -> m.getDefaultMessage()).collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "Bad request", errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", "Parameter '" + e.getName() + "' has an invalid value");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", "The request body is not valid JSON for this request");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e instanceof ErrorResponse standard) {
            return standard.getBody(); // Spring MVC's own 4xx/5xx (missing parameter, wrong method, ...)
        }
        log.error("Unexpected error in a claim-service request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed; the service log has the details");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
