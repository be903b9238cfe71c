package org.giftportal.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP receiver on the loopback interface, as a retailer's system would run one: it answers each request with
 * the next status of its script (then 204 for ever) and keeps what it was sent.
 */
public final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Integer> script;
    public final List<Received> received = new CopyOnWriteArrayList<>();

    private Receiver(int port, List<Integer> statuses) throws IOException {
        this.script = new ConcurrentLinkedDeque<>(statuses);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            Integer status = script.pollFirst();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** A receiver answering these statuses first, on a free port. */
    public static Receiver answering(Integer... statuses) throws IOException {
        return new Receiver(0, List.of(statuses));
    }

    /** A receiver on this port (one that was down until now). */
    public static Receiver on(int port) throws IOException {
        return new Receiver(port, List.of());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hooks/gift-cards";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
