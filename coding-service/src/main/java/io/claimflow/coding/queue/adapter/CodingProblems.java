package io.claimflow.coding.queue.adapter;

import io.claimflow.coding.codeset.adapter.CodeSetAdminController;
import io.claimflow.coding.queue.CodingRejectedException;
import io.claimflow.coding.queue.QueueItemClosedException;
import io.claimflow.coding.queue.QueueItemNotFoundException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for coding-service's own exceptions: a clear message, never a stack trace, never a value
 * the caller sent (an unknown id is not repeated). Bad input, validation and everything else is the platform's
 * ProblemDetailsAdvice, the one error style of every service.
 */
@RestControllerAdvice(basePackageClasses = {CoderQueueController.class, CodeSetAdminController.class})
class CodingProblems {

    @ExceptionHandler(CodingRejectedException.class)
    ProblemDetail rejected(CodingRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "The coding fails " + e.edits().stream().filter(x -> x.blocking()).count() + " coding edit(s): "
                        + String.join("; ", e.edits().stream().filter(x -> x.blocking()).map(x -> x.message())
                        .toList()));
        problem.setTitle("Coding edits failed");
        problem.setType(URI.create("urn:claimflow:problem:coding-edits-failed"));
        problem.setProperty("edits", e.edits());
        return problem;
    }

    @ExceptionHandler(QueueItemNotFoundException.class)
    ProblemDetail notFound(QueueItemNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No coder queue item has that id");
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(QueueItemClosedException.class)
    ProblemDetail closed(QueueItemClosedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        return problem;
    }
}
