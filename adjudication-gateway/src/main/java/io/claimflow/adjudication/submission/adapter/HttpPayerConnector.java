package io.claimflow.adjudication.submission.adapter;

import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.submission.PayerConnector;
import io.claimflow.adjudication.submission.PayerUnavailableException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link PayerConnector} over HTTP (the payer-simulator's API: {@code POST /x12/837}, {@code GET /x12/responses},
 * {@code GET /x12/responses/{id}}, {@code POST /x12/responses/{id}/ack}). Every call goes through the payer's
 * Resilience4j instances, named {@code payer-<payerId>} and configured in application.yml: a bulkhead, a rate
 * limiter, a time limiter (timeout) inside a circuit breaker, inside a retry with exponential back-off and jitter.
 * What still fails is a {@link PayerUnavailableException}; the caller keeps the work queued.
 */
@Component
class HttpPayerConnector implements PayerConnector, AutoCloseable {

    private static final MediaType X12 = MediaType.parseMediaType("application/edi-x12");

    private final GatewayProperties properties;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final RateLimiterRegistry rateLimiters;
    private final TimeLimiterRegistry timeLimiters;
    private final RestClient http;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "payer-call");
        thread.setDaemon(true);
        return thread;
    });

    HttpPayerConnector(
            GatewayProperties properties,
            CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries,
            BulkheadRegistry bulkheads,
            RateLimiterRegistry rateLimiters,
            TimeLimiterRegistry timeLimiters) {
        this.properties = properties;
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.bulkheads = bulkheads;
        this.rateLimiters = rateLimiters;
        this.timeLimiters = timeLimiters;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder()
                .requestFactory(factory)
                .requestInterceptor((request, body, execution) -> {
                    // HTTP Basic for payers that require it (payer-simulator does): the connection the URL is under
                    credentialsFor(request.getURI().toString())
                            .ifPresent(c -> request.getHeaders().setBasicAuth(c.username(), c.password()));
                    return execution.execute(request, body);
                })
                .build();
    }

    /** The instance name of a payer's Resilience4j circuit breaker, retry, bulkhead, rate limiter, time limiter. */
    static String instanceName(String payerId) {
        return "payer-" + payerId;
    }

    @Override
    public byte[] send837(String payerId, byte[] interchange) {
        String url = url(payerId);
        return call(
                payerId,
                "send 837P",
                () -> http.post()
                        .uri(url + "/x12/837")
                        .contentType(X12)
                        .body(interchange)
                        .retrieve()
                        .body(byte[].class));
    }

    @Override
    public List<PendingFile> pendingFiles(String payerId) {
        String url = url(payerId);
        List<Map<String, Object>> listed = call(
                payerId,
                "list responses",
                () -> http.get()
                        .uri(
                                url + "/x12/responses?submitter={s}",
                                properties.submitter().id())
                        .retrieve()
                        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {}));
        List<PendingFile> files = new ArrayList<>();
        if (listed != null) {
            for (Map<String, Object> file : listed) {
                files.add(new PendingFile(String.valueOf(file.get("id")), String.valueOf(file.get("type"))));
            }
        }
        return files;
    }

    @Override
    public byte[] fetch(String payerId, String fileId) {
        String url = url(payerId);
        return call(
                payerId,
                "fetch response",
                () -> http.get()
                        .uri(url + "/x12/responses/{id}", fileId)
                        .retrieve()
                        .body(byte[].class));
    }

    @Override
    public void acknowledge(String payerId, String fileId) {
        String url = url(payerId);
        call(
                payerId,
                "acknowledge response",
                () -> http.post()
                        .uri(url + "/x12/responses/{id}/ack", fileId)
                        .retrieve()
                        .toBodilessEntity());
    }

    @Override
    public List<String> payers() {
        // one mailbox per distinct URL, polled under the first payer id that names it
        Map<String, String> byUrl = new java.util.LinkedHashMap<>();
        properties.payers().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> byUrl.putIfAbsent(String.valueOf(e.getValue().url()), e.getKey()));
        return List.copyOf(byUrl.values());
    }

    private java.util.Optional<GatewayProperties.PayerConnection> credentialsFor(String uri) {
        return properties.payers().values().stream()
                .filter(c -> c.hasCredentials()
                        && c.url() != null
                        && uri.startsWith(c.url().replaceAll("/+$", "")))
                .findFirst();
    }

    private String url(String payerId) {
        GatewayProperties.PayerConnection connection = properties.connection(payerId);
        if (connection == null || connection.url() == null) {
            throw new PayerUnavailableException("no connection configured for payer " + payerId, false, null);
        }
        return connection.url().replaceAll("/+$", "");
    }

    private <T> T call(String payerId, String what, Supplier<T> request) {
        String name = instanceName(payerId);
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(name);
        Retry retry = retries.retry(name);
        Bulkhead bulkhead = bulkheads.bulkhead(name);
        RateLimiter rateLimiter = rateLimiters.rateLimiter(name);
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(name);
        Supplier<T> timed = () -> {
            try {
                return timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(request, calls));
            } catch (RuntimeException e) {
                throw e;
            } catch (TimeoutException e) {
                throw new PayerCallFailed(
                        "timed out after "
                                + timeLimiter
                                        .getTimeLimiterConfig()
                                        .getTimeoutDuration()
                                        .toMillis() + " ms",
                        e);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new PayerCallFailed(cause.getClass().getSimpleName(), cause);
            }
        };
        // innermost first: bulkhead, rate limiter, circuit breaker, retry (outermost)
        Supplier<T> decorated = Bulkhead.decorateSupplier(bulkhead, timed);
        decorated = RateLimiter.decorateSupplier(rateLimiter, decorated);
        decorated = CircuitBreaker.decorateSupplier(circuitBreaker, decorated);
        decorated = Retry.decorateSupplier(retry, decorated);
        try {
            return decorated.get();
        } catch (CallNotPermittedException e) {
            throw new PayerUnavailableException(what + " to payer " + payerId + ": circuit breaker open", true, e);
        } catch (BulkheadFullException | RequestNotPermitted e) {
            throw new PayerUnavailableException(what + " to payer " + payerId + ": " + e.getMessage(), false, e);
        } catch (RestClientException | PayerCallFailed e) {
            throw new PayerUnavailableException(what + " to payer " + payerId + " failed: " + describe(e), false, e);
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // HTTP client messages carry the status and URL, never our file's content
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ")";
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** A call that failed below the HTTP client: timeout, or an exception the client did not wrap. */
    static final class PayerCallFailed extends RuntimeException {
        PayerCallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
