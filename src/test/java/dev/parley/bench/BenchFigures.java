package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.parley.platform.dynamodb.DynamoCallCounter;

/** What the benchmarks share: percentiles, and the server's DynamoDB calls per measured operation. */
final class BenchFigures {

    private BenchFigures() {
    }

    /** Prints a finished report and writes it to {@code target/bench/<name>}, where the bench scripts show it from. */
    static void publish(String name, String text) throws IOException {
        System.out.println("\n" + text);
        Path file = Path.of("target", "bench", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** DynamoDB calls this JVM's (the server's) client has made so far, per operation. */
    static Map<String, Long> dynamoCalls() {
        Map<String, Long> calls = new TreeMap<>();
        DynamoCallCounter.byOperation().forEach((operation, count) -> calls.put(operation, count.sum()));
        return calls;
    }

    /** Of {@link #dynamoCalls}, those made on the server's request threads (not its log consumers and live feeds). */
    static Map<String, Long> requestCalls() {
        Map<String, Long> calls = dynamoCalls();
        DynamoCallCounter.inBackground().forEach((operation, count) -> calls.merge(operation, -count.sum(), Long::sum));
        return calls;
    }

    /** DynamoDB calls made during measured phases, reported per measured operation ({@code ops}). */
    static final class CallCount {
        private final Map<String, Long> calls = new TreeMap<>();
        long ops;

        void add(Map<String, Long> before, Map<String, Long> after) {
            after.forEach((operation, count) -> calls.merge(operation, count - before.getOrDefault(operation, 0L), Long::sum));
        }

        /** All calls per operation. */
        double total() {
            return calls.values().stream().mapToLong(Long::longValue).sum() / (double) Math.max(1, ops);
        }

        String perOperation() {
            StringBuilder out = new StringBuilder();
            calls.forEach((operation, count) -> {
                if (count > 0) {
                    out.append(out.length() == 0 ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%.2f %s", count / (double) Math.max(1, ops), operation));
                }
            });
            return out.length() == 0 ? "none" : out.toString();
        }
    }
}
