package io.claimflow.ehr.hl7.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.adapter.FuzzedIntake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A load test of the HL7 door, loopback only, not run in CI: the MLLP listener with its default limits and the real
 * HL7 receiver (HAPI, the DFT^P03 mapping, the checks before publishing) over an intake that keeps nothing, so the
 * figures are the door's own. It floods the listener with idle connections from one address and from many, then
 * sends DFT^P03 messages from concurrent senders while the idle ones are held, and prints the limits it held and the
 * throughput to {@code target/load/mllp-door.txt}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl ehr-connector -am test -Dtest=MllpDoorLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dloadtest=true -Dloadtest.idle=500 -Dloadtest.senders=8 -Dloadtest.messages=2000 \
 *   &amp;&amp; cat ehr-connector/target/load/mllp-door.txt
 * </pre>
 */
@EnabledIfSystemProperty(named = "loadtest", matches = "true")
class MllpDoorLoadTest {

    @Test
    void theDoorHoldsItsLimitsUnderIdleFloodAndKeepsAnswering() throws Exception {
        int idle = Integer.getInteger("loadtest.idle", 500);
        int senders = Integer.getInteger("loadtest.senders", 8);
        int messages = Integer.getInteger("loadtest.messages", 2000);
        EhrProperties.Mllp defaults = new EhrProperties.Mllp(
                true,
                0,
                "127.0.0.1",
                StandardCharsets.UTF_8,
                64,
                32,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                1_048_576);
        HapiContext hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        Hl7Receiver receiver = new Hl7Receiver(
                hapi,
                FuzzedIntake.intake(),
                "riverside-fm",
                FuzzedIntake.properties().hl7().billingProvider(),
                FuzzedIntake.audit());
        MllpServer server = new MllpServer(receiver::receive, defaults);
        server.start();
        List<Socket> held = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try {
            // 1. idle flood from one address, then from many (127.0.0.x)
            int resetAtConnect = 0;
            for (int i = 0; i < idle; i++) {
                try {
                    held.add(connect(server, "127.0.0.1"));
                } catch (IOException e) {
                    resetAtConnect++; // refused so fast that the reset came before connect returned
                }
            }
            Thread.sleep(500);
            int servedOneAddress = server.connections();
            for (int i = 0; i < idle; i++) {
                try {
                    held.add(connect(server, "127.0.1." + (1 + i % 250)));
                } catch (IOException e) {
                    resetAtConnect++;
                }
            }
            Thread.sleep(500);
            int servedAll = server.connections();
            long refused = server.refused();
            // 2. free the flood's places the way the idle timeout would, then real traffic from concurrent senders
            for (Socket socket : held) {
                socket.close();
            }
            held.clear();
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.connections() > 0 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            String dft = Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-LOAD", "C-LOAD");
            AtomicInteger acknowledged = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                done.add(pool.submit(() -> {
                    try (Socket socket = connect(server, "127.0.0.1")) {
                        for (int m = sender; m < messages; m += senders) {
                            String ack = exchange(
                                    socket, dft.replace("V-LOAD", "V-LOAD-" + m).replace("C-LOAD", "C-LOAD-" + m));
                            if (ack.contains("MSA|AA|")) {
                                acknowledged.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();

            report.append("MLLP door load test (loopback, defaults, HL7 receiver without database or broker)\n")
                    .append(String.format(
                            "limits: max-connections %d, max-connections-per-address %d, idle-timeout %s,"
                                    + " read-timeout %s, max-message-bytes %d%n",
                            defaults.maxConnections(),
                            defaults.maxConnectionsPerAddress(),
                            defaults.idleTimeout(),
                            defaults.readTimeout(),
                            defaults.maxMessageBytes()))
                    .append(String.format(
                            "idle flood: %d connections from one address -> %d served; %d more from "
                                    + "250 addresses -> %d served in all; %d refused at once (%d of them reset before connect "
                                    + "returned)%n",
                            idle, servedOneAddress, idle, servedAll, refused, resetAtConnect))
                    .append(String.format(
                            "messages: %d DFT^P03 from %d concurrent senders, %d AA, %.1f s, %.0f " + "messages/s%n",
                            messages, senders, acknowledged.get(), seconds, messages / seconds));
            Path out = Path.of("target/load/mllp-door.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.print(report);

            assertThat(servedOneAddress).isLessThanOrEqualTo(defaults.maxConnectionsPerAddress());
            assertThat(servedAll).isLessThanOrEqualTo(defaults.maxConnections());
            assertThat(acknowledged.get()).isEqualTo(messages);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            server.stop();
            hapi.close();
        }
    }

    private static Socket connect(MllpServer server, String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String exchange(Socket socket, String message) throws IOException {
        socket.getOutputStream().write(MllpServer.frame(message.getBytes(StandardCharsets.UTF_8)));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        if (in.read() != MllpServer.START_BLOCK) {
            throw new IOException("no ACK");
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != MllpServer.END_BLOCK) {
            if (b < 0) {
                throw new IOException("connection closed inside the ACK");
            }
            answer.write(b);
        }
        in.read();
        return answer.toString(StandardCharsets.UTF_8);
    }
}
