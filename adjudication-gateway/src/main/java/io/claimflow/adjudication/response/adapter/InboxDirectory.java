package io.claimflow.adjudication.response.adapter;

import io.claimflow.adjudication.config.GatewayProperties;
import io.claimflow.adjudication.response.InboundFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Picks up X12 files a clearinghouse drops into {@code claimflow.adjudication.inbox.directory}: each regular,
 * non-hidden file is received (stored, then posted, recognised as a duplicate, or quarantined) and then moved to
 * {@code processed/} or {@code quarantined/} in that directory. A file that fails before it is received stays
 * where it is and is tried again on the next round.
 */
@Component
@ConditionalOnExpression("'${claimflow.adjudication.inbox.directory:}' != ''")
class InboxDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDirectory.class);

    private final Path directory;
    private final InboundFiles inbound;

    InboxDirectory(GatewayProperties properties, InboundFiles inbound) throws IOException {
        this.directory = Path.of(properties.inbox().directory());
        this.inbound = inbound;
        Files.createDirectories(directory.resolve("processed"));
        Files.createDirectories(directory.resolve("quarantined"));
    }

    @Scheduled(fixedDelayString = "${claimflow.adjudication.inbox.poll-interval:5s}")
    void scan() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(
                directory,
                p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."))) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOG.warn("inbox {} not readable: {}", directory, e.getMessage());
            return;
        }
        files.sort(null);
        for (Path file : files) {
            try {
                InboundFiles.Received received =
                        inbound.accept(Files.readAllBytes(file), "INBOX:" + file.getFileName());
                String target = received.status().equals("QUARANTINED") ? "quarantined" : "processed";
                Files.move(
                        file,
                        directory.resolve(target).resolve(file.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                LOG.warn("inbox file {} not received, will try again: {}", file.getFileName(), e.toString());
            }
        }
    }
}
