package dev.parley.bench;

import static dev.parley.bench.BenchFigures.requestCalls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import dev.parley.channel.Channel;
import dev.parley.channel.ChannelStore;
import dev.parley.event.ChannelEventLog;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.Teams;

/**
 * Part 3 of the messaging benchmark: sendMessage, one client, into channels of different sizes (the
 * owner plus members whose memberships are written straight into ChannelMemberships, through
 * ChannelStore's own join items: a send never reads them, which is the point), in alternating blocks,
 * with the server's DynamoDB calls per send on its request threads for each size.
 */
final class ChannelSizes {

    private static final int JOIN_CHUNK = 99;

    private final BenchClient client;
    private final Dynamo dynamo;
    private final ChannelStore channels;
    private final ChannelEventLog log;

    ChannelSizes(BenchClient client, Dynamo dynamo, ChannelStore channels, ChannelEventLog log) {
        this.client = client;
        this.dynamo = dynamo;
        this.channels = channels;
        this.log = log;
    }

    /** One size's figures. */
    record Row(int members, double perSecond, BenchFigures.CallCount calls) {
    }

    List<Row> run(Accounts.Account owner, int[] sizes, int sends, int warmup, int rounds) throws Exception {
        Map<Integer, String> channelOf = new LinkedHashMap<>();
        for (int size : sizes) {
            channelOf.put(size, channelWith(owner, size));
        }
        Map<Integer, long[]> nanos = new LinkedHashMap<>();
        Map<Integer, BenchFigures.CallCount> calls = new LinkedHashMap<>();
        for (int size : sizes) {
            String channelId = channelOf.get(size);
            BenchClient.runConcurrent(1, warmup, c -> client.post(owner.accessToken(), BenchClient.sendBody(channelId)));
            nanos.put(size, new long[1]);
            calls.put(size, new BenchFigures.CallCount());
        }
        int perRound = Math.max(1, sends / rounds);
        for (int round = 0; round < rounds; round++) {
            for (int size : sizes) {
                String channelId = channelOf.get(size);
                Map<String, Long> before = requestCalls();
                nanos.get(size)[0] += BenchClient.runConcurrent(1, perRound,
                        c -> client.post(owner.accessToken(), BenchClient.sendBody(channelId)));
                calls.get(size).add(before, requestCalls());
                calls.get(size).ops += perRound;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.add(new Row(size, perRound * rounds * 1e9 / nanos.get(size)[0], calls.get(size)));
        }
        return rows;
    }

    static List<String> format(List<Row> rows) {
        double first = rows.get(0).perSecond();
        List<String> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(String.format(Locale.ROOT, "  %5d  %8.1f msg/s  %6.2f   %4.2f   %s", row.members(), row.perSecond(), row.perSecond() / first,
                    row.calls().total(), row.calls().perOperation()));
        }
        return out;
    }

    /** A new public channel of the owner's workspace with {@code size} members, the owner one of them. */
    private String channelWith(Accounts.Account owner, int size) {
        String channelId = Teams.channel(owner, owner.workspaceId(), Teams.channelName("size" + size), false);
        Channel channel = channels.find(channelId).orElseThrow();
        long ordinal = log.channelHeads(List.of(channelId)).get(channelId).ordinal();
        List<String> others = IntStream.range(1, size).mapToObj(i -> Ids.newId()).toList();
        for (int from = 0; from < others.size(); from += JOIN_CHUNK) {
            List<String> chunk = others.subList(from, Math.min(others.size(), from + JOIN_CHUNK));
            dynamo.client().transactWriteItems(b -> b.transactItems(channels.joining(channel, chunk, Instant.now(), ordinal)));
        }
        return channelId;
    }
}
