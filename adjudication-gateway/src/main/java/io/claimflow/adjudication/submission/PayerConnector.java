package io.claimflow.adjudication.submission;

import java.util.List;

/**
 * The way to a payer: send an 837P and get its 999 back, list and fetch the 277CA and 835 files waiting, and
 * acknowledge each once processed. Implementations throw {@link PayerUnavailableException} when the payer cannot be
 * reached or refuses for now.
 */
public interface PayerConnector {

    byte[] send837(String payerId, byte[] interchange);

    List<PendingFile> pendingFiles(String payerId);

    byte[] fetch(String payerId, String fileId);

    void acknowledge(String payerId, String fileId);

    /** Payers with a connection. */
    List<String> payers();

    /** A file waiting in a payer's mailbox. */
    record PendingFile(String id, String type) {}
}
