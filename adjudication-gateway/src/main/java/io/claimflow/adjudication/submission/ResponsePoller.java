package io.claimflow.adjudication.submission;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Polls each payer's mailbox for 277CA and 835 files: fetches each, hands it to inbound processing (which commits
 * it, posted, duplicate or quarantined), and only then acknowledges it to the payer. A crash in between means the
 * file comes again, and inbound processing recognises it.
 */
@Service
public class ResponsePoller {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsePoller.class);

    private final PayerConnector connector;
    private final FileReceiver receiver;

    public ResponsePoller(PayerConnector connector, FileReceiver receiver) {
        this.connector = connector;
        this.receiver = receiver;
    }

    /** Returns how many files were received. */
    public int poll() {
        int received = 0;
        for (String payerId : connector.payers()) {
            try {
                List<PayerConnector.PendingFile> files = connector.pendingFiles(payerId);
                for (PayerConnector.PendingFile file : files) {
                    byte[] content = connector.fetch(payerId, file.id());
                    receiver.receive(content, "POLL:" + payerId + ":" + file.id());
                    connector.acknowledge(payerId, file.id());
                    received++;
                }
            } catch (PayerUnavailableException e) {
                LOG.warn("mailbox of payer {} not polled: {}", payerId, e.getMessage());
            }
        }
        return received;
    }

    /** Takes a file received from a payer, committing whatever becomes of it. */
    public interface FileReceiver {
        void receive(byte[] x12, String source);
    }
}
