package dev.parley.event;

import java.util.List;

import dev.parley.platform.dynamodb.Guarded;

/**
 * One channel's change as {@link ChannelEventLog#append} commits it: the writer's items (each with
 * what its failed condition means), the events, and what changes on the channel's head.
 */
public record Commit(List<Guarded> writes, List<PendingEvent> events, HeadChange head) {
}
