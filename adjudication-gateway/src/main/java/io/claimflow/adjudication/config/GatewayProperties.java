package io.claimflow.adjudication.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * adjudication-gateway's own settings ({@code claimflow.adjudication.*}): who we are in the interchange envelope,
 * how claims are batched, how often the send queue and the payers' mailboxes are worked, and the payer connections
 * by payer id ({@code default} takes every payer not listed).
 */
@ConfigurationProperties("claimflow.adjudication")
public record GatewayProperties(
        Submitter submitter,
        boolean production,
        Batch batch,
        Send send,
        Responses responses,
        Inbox inbox,
        Map<String, PayerConnection> payers,
        Idle idle) {

    public GatewayProperties {
        submitter = submitter == null
                ? new Submitter("CLAIMFLOW", "ClaimFlow Billing", "Billing Desk", "6145550100")
                : submitter;
        batch = batch == null ? new Batch(50, Duration.ofSeconds(2), Duration.ofMillis(500)) : batch;
        send = send == null
                ? new Send(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(5), true)
                : send;
        responses = responses == null ? new Responses(Duration.ofSeconds(2), true) : responses;
        inbox = inbox == null ? new Inbox(null, Duration.ofSeconds(5)) : inbox;
        payers = payers == null ? Map.of() : Map.copyOf(payers);
        idle = idle == null ? new Idle(null, null) : idle;
    }

    /** The connection for {@code payerId}, else the {@code default} one, else null. */
    public PayerConnection connection(String payerId) {
        PayerConnection connection = payers.get(payerId);
        return connection != null ? connection : payers.get("default");
    }

    /** Our ids in ISA06 / GS02 and loop 1000A. */
    public record Submitter(String id, String name, String contactName, String contactPhone) {}

    /**
     * A payer's interchange closes at {@code size} claims or when its oldest claim has waited {@code maxWait};
     * the assembler looks every {@code pollInterval}.
     */
    public record Batch(int size, Duration maxWait, Duration pollInterval) {}

    /**
     * The send queue is worked every {@code pollInterval}; an interchange that could not be sent waits
     * {@code retryBackoff}, doubled per failed attempt up to {@code maxBackoff}, with jitter.
     */
    public record Send(Duration pollInterval, Duration retryBackoff, Duration maxBackoff, boolean enabled) {}

    /**
     * The clock work woken instead of polling (issue 22): the assembler looks when a claim was taken in (or claims
     * still wait), the sender when an interchange was written (or one still waits to be sent), and the payers'
     * mailboxes are polled every {@code responses.poll-interval} for {@code answersExpectedFor} after an interchange
     * was sent or a file came; otherwise each looks only every {@code check} (claims of another instance, files a
     * payer sends unasked).
     */
    public record Idle(Duration check, Duration answersExpectedFor) {

        public Idle {
            check = check == null ? Duration.ofSeconds(10) : check;
            answersExpectedFor = answersExpectedFor == null ? Duration.ofMinutes(5) : answersExpectedFor;
        }
    }

    /** The payers' mailboxes (277CA, 835) are polled every {@code pollInterval}. */
    public record Responses(Duration pollInterval, boolean enabled) {}

    /**
     * A directory where a clearinghouse drops 835 / 277CA / 999 files (off when {@code directory} is blank): each
     * file is received like any other and moved to {@code processed/} or {@code quarantined/} beside it.
     */
    public record Inbox(String directory, Duration pollInterval) {}

    /**
     * How to reach a payer: its ISA08 / GS03 receiver id, name (loop 1000B), base URL, and the HTTP Basic login its
     * endpoint requires ({@code username} and {@code password}; none when unset).
     */
    public record PayerConnection(
            String receiverId, String receiverName, String url, String username, String password) {

        /** Whether calls to this payer carry HTTP Basic credentials. */
        public boolean hasCredentials() {
            return username != null && !username.isBlank() && password != null;
        }

        @Override
        public String toString() {
            return "PayerConnection[receiverId=" + receiverId + ", url=" + url + ", username=" + username + "]";
        }
    }
}
