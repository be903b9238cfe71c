package org.giftportal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's loads driven by wrk, when it is installed ({@code apt-get install wrk}): a load generator written in
 * C that leaves nearly all of the two cores to the portal and the database, where the JDK's client takes a large
 * share. Every wrk thread is one signed-in shopper with one connection (bench/wrk/shoppers.lua).
 */
final class WrkLoad {
    private static final Pattern RESULT = Pattern.compile(
            "wrk-result requests=(\\d+) seconds=([\\d.]+) errors=(\\d+) p50=([\\d.]+) p99=([\\d.]+)");
    private static final String DURATION = "8s";
    private final Path folder;

    private WrkLoad(Path folder) {
        this.folder = folder;
    }

    /** What wrk measured: requests answered, over how long, and their latency. */
    record Result(long requests, double seconds, long errors, double p50Millis, double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }

        String summary() {
            return String.format("%8.1f /s   p50 %7.2f ms   p99 %7.2f ms   (%d in %.1f s)", perSecond(), p50Millis,
                    p99Millis, requests, seconds);
        }
    }

    static Optional<WrkLoad> ifInstalled(Path work) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                Path folder = work.resolve("wrk");
                Files.createDirectories(folder);
                return Optional.of(new WrkLoad(folder));
            }
        }
        return Optional.empty();
    }

    /** GETs of one URL, no cookies. */
    Result bare(String url, int connections) throws IOException, InterruptedException {
        return run(List.of("wrk", "-t", "2", "-c", Integer.toString(connections), "-d", DURATION,
                "-s", Path.of("bench", "wrk", "shoppers.lua").toString(), url, "--", folder.toString(), "bare"));
    }

    /** Each shopper loading the redeem page, or redeeming its own list of codes (each code once). */
    Result shoppers(String portal, List<ShopperSession> shoppers, List<List<String>> codesPerShopper, String load)
            throws IOException, InterruptedException {
        for (int i = 0; i < shoppers.size(); i++) {
            List<String> lines = new ArrayList<>();
            lines.add(shoppers.get(i).cookieHeader());
            lines.add(shoppers.get(i).csrfToken());
            lines.addAll(codesPerShopper.isEmpty() ? List.of() : codesPerShopper.get(i));
            Files.write(folder.resolve("shopper-" + i + ".txt"), lines, StandardCharsets.UTF_8);
        }
        String threads = Integer.toString(shoppers.size());
        return run(List.of("wrk", "-t", threads, "-c", threads, "-d", DURATION,
                "-s", Path.of("bench", "wrk", "shoppers.lua").toString(), portal, "--", folder.toString(), load));
    }

    /** Checkout clients, each with its token and its own shopper, sending hold and capture pairs (bench/holds). */
    Result holds(String portal, String token, List<String> subjects) throws IOException, InterruptedException {
        for (int i = 0; i < subjects.size(); i++) {
            Files.write(folder.resolve("client-" + i + ".txt"), List.of(token, subjects.get(i)),
                    StandardCharsets.UTF_8);
        }
        String threads = Integer.toString(subjects.size());
        return run(List.of("wrk", "-t", threads, "-c", threads, "-d", DURATION,
                "-s", Path.of("bench", "wrk", "holds.lua").toString(), portal, "--", folder.toString()));
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher result = RESULT.matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("No result from wrk:\n" + output);
        }
        return new Result(Long.parseLong(result.group(1)), Double.parseDouble(result.group(2)),
                Long.parseLong(result.group(3)), Double.parseDouble(result.group(4)),
                Double.parseDouble(result.group(5)));
    }
}
