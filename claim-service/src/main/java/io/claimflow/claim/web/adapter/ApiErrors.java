package io.claimflow.claim.web.adapter;

import io.claimflow.claim.feeschedule.FeeScheduleConflictException;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.IllegalTransitionException;
import io.claimflow.claim.work.UnprocessableClaimException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for claim-service's own endpoints: 400 bad input, 404 unknown claim, 409 a change the
 * claim's state does not allow, 422 a claim that still fails the scrubber. Messages name ids, never patient data.
 * Everything else (validation, unreadable bodies, 401/403, unexpected errors) is the platform's ProblemDetailsAdvice.
 */
@RestControllerAdvice(basePackages = "io.claimflow.claim")
@Order(0) // before the platform's ProblemDetailsAdvice, whose catch-all would otherwise answer claim errors with 500
class ApiErrors {

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

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
