package io.claimflow.ehr.adapter.hl7;

import io.claimflow.ehr.config.EhrProperties;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A minimal MLLP (Minimal Lower Layer Protocol, HL7 v2 transport) listener: each message arrives framed as
 * {@code 0x0B <message> 0x1C 0x0D} and is answered with its ACK, framed the same way, on the same connection.
 * Connections stay open for further messages. Bytes outside a frame are skipped; a frame longer than the limit, or
 * a connection that ends in the middle of one, is dropped without an answer (the sender then resends).
 */
class MllpServer implements SmartLifecycle {

    static final int START_BLOCK = 0x0B;
    static final int END_BLOCK = 0x1C;
    static final int CARRIAGE_RETURN = 0x0D;

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);

    private final UnaryOperator<String> handler;
    private final EhrProperties.Mllp settings;
    private final AtomicInteger threads = new AtomicInteger();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile ServerSocket serverSocket;
    private volatile ExecutorService workers;
    private volatile Thread acceptor;

    MllpServer(UnaryOperator<String> handler, EhrProperties.Mllp settings) {
        this.handler = handler;
        this.settings = settings;
    }

    /** The port listened on (the actual one when configured as 0); -1 when not running. */
    int port() {
        ServerSocket socket = serverSocket;
        return socket == null ? -1 : socket.getLocalPort();
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
        // a bounded pool: connections beyond it wait in the queue until one is free
        workers = new ThreadPoolExecutor(settings.maxConnections(), settings.maxConnections(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "mllp-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        acceptor = new Thread(this::acceptLoop, "mllp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("MLLP listener on port {}", port());
    }

    private void acceptLoop() {
        ServerSocket socket = serverSocket;
        while (socket != null && !socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                workers.execute(() -> serve(connection));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("MLLP accept failed: {}", e.getClass().getSimpleName());
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;  // stopping
            }
        }
    }

    private void serve(Socket connection) {
        open.add(connection);
        try (connection) {
            connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis()));
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] frame = readFrame(in);
                if (frame == null) {
                    return;
                }
                String ack = handler.apply(new String(frame, settings.charset()));
                out.write(frame(ack.getBytes(settings.charset())));
                out.flush();
            }
        } catch (SocketTimeoutException e) {
            log.debug("MLLP connection idle for {}; closed", settings.readTimeout());
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
        }
    }

    /** The next frame's content, or null at the end of the stream (a half-received frame is discarded). */
    byte[] readFrame(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != START_BLOCK);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
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
                message.reset();  // a new frame began before this one ended: the sender gave up on it
                continue;
            }
            message.write(b);
            if (message.size() > settings.maxMessageBytes()) {
                throw new FrameTooLongException();
            }
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
                connection.close();  // unblocks a worker waiting in read
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
