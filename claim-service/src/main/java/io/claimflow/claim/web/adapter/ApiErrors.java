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
 * claim-service's own exceptions as RFC 9457 problem details: 404 unknown claim, 409 a change the claim's state does
 * not allow, 422 a claim that still fails the scrubber. Their details name the claim found and its states, never a
 * value the caller sent (an unknown id is not repeated). Everything else (bad input, validation, unreadable bodies,
 * 401/403, unexpected errors) is the platform's ProblemDetailsAdvice, the one error style of every service.
 */
@RestControllerAdvice(basePackages = "io.claimflow.claim")
@Order(0) // before the platform's ProblemDetailsAdvice, whose catch-all would otherwise answer claim errors with 500
class ApiErrors {

    @ExceptionHandler(ClaimNotFoundException.class)
    ProblemDetail notFound(ClaimNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Claim not found", "No claim has that id");
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

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
