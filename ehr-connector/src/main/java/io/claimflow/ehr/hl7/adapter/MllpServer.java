package io.claimflow.ehr.hl7.adapter;

import io.claimflow.ehr.config.EhrProperties;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A minimal MLLP (Minimal Lower Layer Protocol, HL7 v2 transport) listener: each message arrives framed as
 * {@code 0x0B <message> 0x1C 0x0D} and is answered with its ACK, framed the same way, on the same connection.
 * Connections stay open for further messages. Bytes outside a frame are skipped; a frame longer than the limit, or
 * a connection that ends in the middle of one, is dropped without an answer (the sender then resends).
 *
 * <p>Idle or hostile connections cannot stop the door: at most {@code max-connections} connections are served at
 * once (and {@code max-connections-per-address} from one remote address), each by its own worker; a connection beyond
 * a limit is closed at once instead of waiting in a queue. A connection that sends nothing for {@code idle-timeout}
 * (before its first message or between messages) is closed, and a frame must arrive whole within
 * {@code read-timeout} of its first byte.
 */
class MllpServer implements SmartLifecycle {

    static final int START_BLOCK = 0x0B;
    static final int END_BLOCK = 0x1C;
    static final int CARRIAGE_RETURN = 0x0D;

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);

    /** Answers one message (its text) from a remote address with the ACK's text. */
    @FunctionalInterface
    interface Handler {
        String answer(String message, String remoteAddress);
    }

    private final Handler handler;
    private final EhrProperties.Mllp settings;
    private final AtomicInteger threads = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private volatile ServerSocket serverSocket;
    private volatile ExecutorService workers;
    private volatile Thread acceptor;

    MllpServer(Handler handler, EhrProperties.Mllp settings) {
        this.handler = handler;
        this.settings = settings;
    }

    /** The port listened on (the actual one when configured as 0); -1 when not running. */
    int port() {
        ServerSocket socket = serverSocket;
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** Connections being served now. */
    int connections() {
        return connections.get();
    }

    /** Connections closed at once since the start because a limit was reached. */
    long refused() {
        return refused.get();
    }

    @Override
    public void start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()), 50);
            serverSocket = socket;
        } catch (IOException e) {
            throw new IllegalStateException("MLLP listener could not bind port " + settings.port(), e);
        }
        // one worker per served connection, never more than the limit and no queue: the accept loop refuses beyond it
        workers = new ThreadPoolExecutor(
                0, settings.maxConnections(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "mllp-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        acceptor = new Thread(this::acceptLoop, "mllp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info(
                "MLLP listener on {}:{} (at most {} connections, {} per address, idle timeout {})",
                settings.bindAddress(),
                port(),
                settings.maxConnections(),
                settings.maxConnectionsPerAddress(),
                settings.idleTimeout());
    }

    private void acceptLoop() {
        ServerSocket socket = serverSocket;
        while (socket != null && !socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("MLLP accept failed: {}", e.getClass().getSimpleName());
                }
                continue;
            }
            InetAddress remote = connection.getInetAddress();
            if (!admit(remote)) {
                refused.incrementAndGet();
                log.debug("MLLP connection refused: {} connections served, limit reached", connections.get());
                closeQuietly(connection);
                continue;
            }
            try {
                workers.execute(() -> serve(connection, remote));
            } catch (RejectedExecutionException e) {
                release(remote);
                refused.incrementAndGet();
                closeQuietly(connection);
                if (serverSocket == null) {
                    return; // stopping
                }
            }
        }
    }

    /** Takes a place for a connection from {@code remote}, or answers false when a limit is reached. */
    private synchronized boolean admit(InetAddress remote) {
        int fromThere = perAddress.getOrDefault(remote, 0);
        if (connections.get() >= settings.maxConnections() || fromThere >= settings.maxConnectionsPerAddress()) {
            return false;
        }
        connections.incrementAndGet();
        perAddress.put(remote, fromThere + 1);
        return true;
    }

    private synchronized void release(InetAddress remote) {
        connections.decrementAndGet();
        perAddress.computeIfPresent(remote, (address, count) -> count <= 1 ? null : count - 1);
    }

    private void serve(Socket connection, InetAddress remote) {
        open.add(connection);
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] frame = readFrame(in, connection);
                if (frame == null) {
                    return;
                }
                String ack = handler.answer(new String(frame, settings.charset()), remote.getHostAddress());
                out.write(frame(ack.getBytes(settings.charset())));
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            log.debug("MLLP connection idle or too slow; closed");
        } catch (FrameTooLongException e) {
            log.warn("MLLP frame longer than {} bytes; connection closed", settings.maxMessageBytes());
        } catch (SocketException e) {
            log.debug("MLLP connection closed by the peer");
        } catch (IOException e) {
            log.warn("MLLP connection failed: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            log.error("MLLP message handling failed: {}", e.getClass().getName());
        } finally {
            open.remove(connection);
            release(remote);
        }
    }

    /** The next frame's content, or null at the end of the stream (a half-received frame is discarded). */
    byte[] readFrame(InputStream in) throws IOException {
        return readFrame(in, null);
    }

    /**
     * The next frame's content, or null at the end of the stream. With a {@code socket}, waiting for a frame to start
     * times out after the idle timeout and a frame that started must end within the read timeout.
     */
    byte[] readFrame(InputStream in, Socket socket) throws IOException {
        long idleUntil = System.nanoTime() + settings.idleTimeout().toNanos();
        int b;
        do {
            remaining(socket, idleUntil, "no frame started within the idle timeout");
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != START_BLOCK);
        long deadline = System.nanoTime() + settings.readTimeout().toNanos();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            remaining(socket, deadline, "frame not complete within the read timeout");
            b = in.read();
            if (b < 0) {
                if (message.size() > 0) {
                    log.warn("MLLP connection ended inside a frame ({} bytes); discarded", message.size());
                }
                return null;
            }
            if (b == END_BLOCK) {
                int next = in.read();
                if (next == CARRIAGE_RETURN) {
                    return message.toByteArray();
                }
                if (next < 0) {
                    log.warn("MLLP connection ended inside a frame; discarded");
                    return null;
                }
                message.write(b);
                b = next;
            }
            if (b == START_BLOCK) {
                message.reset(); // a new frame began before this one ended: the sender gave up on it
                continue;
            }
            message.write(b);
            if (message.size() > settings.maxMessageBytes()) {
                throw new FrameTooLongException();
            }
        }
    }

    /** Lets the next read on {@code socket} wait until {@code deadline} (System.nanoTime) at most. */
    private static void remaining(Socket socket, long deadline, String what) throws IOException {
        if (socket == null) {
            return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException(what);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.setSoLinger(true, 0); // reset at once: no TIME_WAIT kept for a refused connection
            connection.close();
        } catch (IOException e) {
            log.debug("MLLP connection close failed", e);
        }
    }

    static byte[] frame(byte[] content) {
        byte[] framed = new byte[content.length + 3];
        framed[0] = START_BLOCK;
        System.arraycopy(content, 0, framed, 1, content.length);
        framed[content.length + 1] = END_BLOCK;
        framed[content.length + 2] = CARRIAGE_RETURN;
        return framed;
    }

    @Override
    public void stop() {
        ServerSocket socket = serverSocket;
        serverSocket = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("MLLP listener close failed", e);
            }
        }
        ExecutorService pool = workers;
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Socket connection : open) {
            try {
                connection.close(); // unblocks a worker waiting in read
            } catch (IOException e) {
                log.debug("MLLP connection close failed", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return serverSocket != null;
    }

    private static final class FrameTooLongException extends IOException {
        FrameTooLongException() {
            super("frame too long");
        }
    }
}
