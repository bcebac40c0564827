package io.claimflow.ehr.hl7.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.config.EhrProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MLLP listener's limits against idle and hostile connections: how many connections it serves, from one address
 * and in all; how long a connection may stay silent; how long one frame may take. The handler echoes the message.
 */
class MllpLimitsTest {

    private final List<Socket> sockets = new ArrayList<>();
    private MllpServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aConnectionBeyondThePerAddressLimitIsClosedAtOnceAndTheNextOneAfterAPlaceFreesIsServed() throws Exception {
        start(10, 2, Duration.ofSeconds(30), Duration.ofSeconds(30));
        Socket first = connect("127.0.0.1");
        Socket second = connect("127.0.0.1");
        assertThat(echo(first, "MSH|one")).isEqualTo("MSH|one");
        assertThat(echo(second, "MSH|two")).isEqualTo("MSH|two");

        assertRefusedAtOnce("127.0.0.1");
        assertThat(echo(connect("127.0.0.2"), "MSH|other address")).isEqualTo("MSH|other address");

        first.close();
        awaitConnections(2);
        assertThat(echo(connect("127.0.0.1"), "MSH|three")).isEqualTo("MSH|three");
        assertThat(server.refused()).isEqualTo(1);
    }

    @Test
    void aConnectionBeyondTheTotalLimitIsClosedAtOnce() throws Exception {
        start(3, 3, Duration.ofSeconds(30), Duration.ofSeconds(30));
        connect("127.0.0.1");
        connect("127.0.0.2");
        connect("127.0.0.3");
        awaitConnections(3);

        assertRefusedAtOnce("127.0.0.4");
        assertThat(server.refused()).isEqualTo(1);
    }

    @Test
    void aConnectionSilentBeforeItsFirstMessageOrBetweenMessagesIsClosedAfterTheIdleTimeout() throws Exception {
        start(4, 4, Duration.ofMillis(300), Duration.ofSeconds(30));
        Socket silent = connect("127.0.0.1");
        Socket talking = connect("127.0.0.1");
        assertThat(echo(talking, "MSH|one")).isEqualTo("MSH|one");

        assertClosedWithin(silent, Duration.ofSeconds(5));
        assertClosedWithin(talking, Duration.ofSeconds(5));
        awaitConnections(0);
    }

    @Test
    void aFrameTrickledSlowerThanTheReadTimeoutIsCutOff() throws Exception {
        start(4, 4, Duration.ofSeconds(30), Duration.ofMillis(500));
        Socket slow = connect("127.0.0.1");
        OutputStream out = slow.getOutputStream();
        out.write(MllpServer.START_BLOCK);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean cut = false;
        while (!cut && System.nanoTime() < until) {
            try {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            } catch (IOException e) {
                cut = true;
            }
            cut = cut || server.connections() == 0;
        }
        assertThat(cut).as("cut off within 5 s").isTrue();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void start(int max, int perAddress, Duration idle, Duration read) {
        server = new MllpServer(
                (message, from) -> message,
                new EhrProperties.Mllp(
                        true, 0, "127.0.0.1", StandardCharsets.UTF_8, max, perAddress, idle, read, 65_536));
        server.start();
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String echo(Socket socket, String message) throws IOException {
        socket.getOutputStream().write(MllpServer.frame(message.getBytes(StandardCharsets.UTF_8)));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        assertThat(in.read()).isEqualTo(MllpServer.START_BLOCK);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != MllpServer.END_BLOCK) {
            assertThat(b).isNotNegative();
            answer.write(b);
        }
        assertThat(in.read()).isEqualTo(MllpServer.CARRIAGE_RETURN);
        return answer.toString(StandardCharsets.UTF_8);
    }

    /**
     * A connection from {@code from} is refused at once: the server's reset either ends the handshake (the connect
     * itself fails) or closes the connection within five seconds.
     */
    private void assertRefusedAtOnce(String from) throws IOException {
        Socket socket;
        try {
            socket = connect(from);
        } catch (java.net.SocketException resetDuringConnect) {
            return;
        }
        assertClosedWithin(socket, Duration.ofSeconds(5));
    }

    /** The server closed {@code socket} (end of stream or reset) within {@code within}. */
    private static void assertClosedWithin(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("still open after " + within, e);
        } catch (java.net.SocketException e) {
            // reset: closed
        }
    }

    private void awaitConnections(int expected) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.connections() != expected && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(server.connections()).isEqualTo(expected);
    }
}
