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
 * the next status of its script (then 204 for ever), or fails a share of requests at random, and keeps what it was
 * sent with what it answered.
 */
public final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String path, Map<String, List<String>> headers, String body, int answered) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Integer> script;
    private final double failing;
    private final java.util.Random random = new java.util.Random(29);
    public final List<Received> received = new CopyOnWriteArrayList<>();

    private Receiver(int port, List<Integer> statuses, double failing) throws IOException {
        this.script = new ConcurrentLinkedDeque<>(statuses);
        this.failing = failing;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = next();
            // Kept before answering: whoever reads the list after the sender heard the answer finds this request.
            received.add(new Received(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    private int next() {
        Integer scripted = script.pollFirst();
        if (scripted != null) {
            return scripted;
        }
        synchronized (random) {
            return random.nextDouble() < failing ? 500 : 204;
        }
    }

    /** A receiver answering these statuses first, on a free port. */
    public static Receiver answering(Integer... statuses) throws IOException {
        return new Receiver(0, List.of(statuses), 0);
    }

    /** A receiver that fails this share of requests (500), chosen at random, and takes the rest. */
    public static Receiver failingAtRandom(double share) throws IOException {
        return new Receiver(0, List.of(), share);
    }

    /** After a test: no endpoint hears anything more, so later tests' events and statements are their own. */
    public static void nobodyListensAnyMore() throws java.sql.SQLException {
        org.giftportal.testsupport.Database.update("UPDATE webhook_endpoint SET event_types = 'none',"
                + " status = 'PAUSED', paused_reason = 'test over'");
    }

    /** A receiver on this port (one that was down until now). */
    public static Receiver on(int port) throws IOException {
        return new Receiver(port, List.of(), 0);
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
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
