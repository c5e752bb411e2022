package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's CPU time by kind of thread, from {@code /proc/<pid>/task/<tid>/stat} (utime + stime,
 * clock ticks of 10 ms): so a benchmark can tell delivery's own threads (event loops, feeds,
 * renderers) from what else the process did meanwhile (GC, the JIT, log consumers, scheduled jobs).
 */
final class ThreadCpu {

    /** The kind that sums every thread's time in the kernel (system time), already counted in its own kind. */
    static final String KERNEL = "(of all these, in the kernel)";

    private ThreadCpu() {
    }

    /** Nanoseconds of CPU by kind ({@link #kind} of each thread's name), for the threads alive now; "in the kernel" too. */
    static Map<String, Long> byKind(long pid) throws IOException {
        Map<String, Long> byKind = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long user = Long.parseLong(fields[11]) * 10_000_000L, system = Long.parseLong(fields[12]) * 10_000_000L;
                byKind.merge(kind(name), user + system, Long::sum);
                byKind.merge(KERNEL, system, Long::sum);
            }
        }
        return byKind;
    }

    /** What {@code after} adds to {@code before}, by kind (threads that ended meanwhile are lost to both). */
    static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> added = new TreeMap<>();
        after.forEach((kind, nanos) -> added.put(kind, nanos - before.getOrDefault(kind, 0L)));
        return added;
    }

    /** Linux truncates thread names to 15 characters: "vert.x-eventloo", "parley-delivery", "C2 CompilerThre". */
    static String kind(String name) {
        if (name.startsWith("vert.x-eventloo")) {
            return "event loops";
        }
        if (name.startsWith("parley-feed")) {
            return "feeds";
        }
        if (name.startsWith("parley-deliver")) {
            return "renderers";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "GC and VM";
        }
        if (name.contains("Compiler")) {
            return "JIT";
        }
        if (name.startsWith("executor-thr") || name.startsWith("vert.x-worker")) {
            return "workers";
        }
        if (name.startsWith("parley-log")) {
            return "log consumers";
        }
        return "other";
    }
}
