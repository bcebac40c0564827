package io.claimflow.platform.deadletter;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * {@code GET /admin/dead-letters/{topic}?limit=100} lists dead letters (newest {@code limit} per partition);
 * {@code POST /admin/dead-letters/{topic}/{partition}/{offset}/replay} replays one. Errors are RFC 9457 problem
 * details. ADMIN only.
 */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/{topic}")
    @PreAuthorize("hasRole('ADMIN')")
    List<DeadLetter> list(@PathVariable String topic, @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(topic, limit);
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    @PreAuthorize("hasRole('ADMIN')")
    ReplayResult replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return deadLetters.replay(topic, partition, offset);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad dead-letter request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badArgument(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Bad dead-letter request",
                "'" + e.getName() + "' must be "
                        + (e.getRequiredType() == null
                                ? "valid"
                                : "a whole number (" + e.getRequiredType().getSimpleName() + ")"));
    }

    @ExceptionHandler(DeadLetterNotFoundException.class)
    ProblemDetail notFound(DeadLetterNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Dead letter not found", e.getMessage());
    }

    @ExceptionHandler({org.springframework.kafka.KafkaException.class, org.apache.kafka.common.KafkaException.class})
    ProblemDetail kafkaUnavailable(RuntimeException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not answer", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
