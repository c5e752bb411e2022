package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Heap used after a full GC of another JVM ({@code jcmd}), and its resident set size. */
record PodHeap(long usedBytes, long rssBytes, String how) {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    static PodHeap of(long pid) throws IOException, InterruptedException {
        long best = Long.MAX_VALUE;
        String line = null;
        for (int i = 0; i < 3; i++) {
            jcmd(pid, "GC.run");
            String info = jcmd(pid, "GC.heap_info");
            String first = info.lines().filter(l -> l.contains("heap") && USED.matcher(l).find()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("cannot read the heap from jcmd GC.heap_info:\n" + info));
            Matcher used = USED.matcher(first);
            used.find();
            best = Math.min(best, Long.parseLong(used.group(1)) * 1024);
            line = first.trim().replaceAll("\\s+", " ").replaceAll(" \\[.*", "");
            Thread.sleep(300);
        }
        return new PodHeap(best, rss(pid), line);
    }

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Live objects per class ({@code jcmd GC.class_histogram}, which runs a full GC): class -> {instances, bytes}. */
    static Map<String, long[]> histogram(long pid) throws IOException, InterruptedException {
        Map<String, long[]> classes = new java.util.HashMap<>();
        jcmd(pid, "GC.class_histogram").lines().forEach(line -> {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                classes.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
            }
        });
        return classes;
    }

    /** The classes whose live bytes grew most between two histograms, as report rows. */
    static List<String> growth(Map<String, long[]> before, Map<String, long[]> after, int top, int sockets) {
        return after.entrySet().stream()
                .map(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] { e.getValue()[0] - was[0], e.getValue()[1] - was[1] });
                })
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(top)
                .map(e -> String.format(Locale.ROOT, "%8.1f MB %8.1f KB %8.1f   %s", e.getValue()[1] / 1048576.0,
                        e.getValue()[1] / 1024.0 / sockets, e.getValue()[0] / (double) sockets, e.getKey()))
                .toList();
    }

    private static long rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1L);
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
        }
        return out;
    }
}
