package org.giftportal.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server, as small as a test needs, that answers recipients as a receiving mail server would: addresses
 * with "nobody" in them are refused for good (550 5.1.1: no such mailbox), addresses with "busy" in them are put off
 * (451 4.3.0: try again later), and any other is taken. What it took is kept.
 */
public final class RefusingSmtp implements AutoCloseable {
    private final ServerSocket server;
    public final List<String> accepted = new CopyOnWriteArrayList<>();

    public RefusingSmtp(int port) throws IOException {
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> converse(client), "refusing-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            say(out, "220 refusing-smtp ready");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> say(out, "250 refusing-smtp");
                    case "RCPT" -> {
                        recipient = line.substring(line.indexOf(':') + 1).strip();
                        say(out, recipient.contains("nobody") ? "550 5.1.1 No such mailbox here"
                                : recipient.contains("busy") ? "451 4.3.0 Mailbox busy, try again later"
                                : "250 2.1.5 OK");
                    }
                    case "DATA" -> {
                        say(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message itself is not kept: the recipient is what tests ask about
                        }
                        accepted.add(recipient);
                        say(out, "250 2.0.0 Queued");
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> say(out, "250 2.0.0 OK");
                }
            }
        } catch (IOException dropped) {
            // the client went away: nothing to do
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
