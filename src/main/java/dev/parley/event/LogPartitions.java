package dev.parley.event;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The event log's channels fall into a fixed number of partitions, so that consumers of the whole log
 * (search indexing, notifications) can share the work between pods: one pod holds the lease of a
 * partition and follows its channels. A channel's head item carries its partition
 * ({@code logPartition}, indexed with {@code lastAt} in PartitionHeadsIndex), and each commit is
 * announced on the partition's topic ({@code LiveBus.logTopic}). The count is part of the stored
 * data: changing it moves channels to other partitions as they next change.
 */
public final class LogPartitions {

    public static final int COUNT = 8;

    private LogPartitions() {
    }

    public static String of(String channelId) {
        return name(Math.floorMod(channelId.hashCode(), COUNT));
    }

    public static List<String> all() {
        return IntStream.range(0, COUNT).mapToObj(LogPartitions::name).toList();
    }

    private static String name(int index) {
        return "p" + index;
    }
}
