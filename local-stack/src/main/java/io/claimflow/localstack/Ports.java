package io.claimflow.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

/** Which of the stack's ports something already listens on (another stack, another program). */
final class Ports {

    private Ports() {}

    /** Whether something accepts connections on {@code port} of the loopback address. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** "name port" of each of {@code ports} (name to port) something listens on, in their order. */
    static List<String> busy(Map<String, Integer> ports) {
        return ports.entrySet().stream()
                .filter(e -> listening(e.getValue()))
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
    }
}
