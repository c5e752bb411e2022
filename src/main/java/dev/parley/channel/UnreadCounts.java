package dev.parley.channel;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.event.ChannelEventLog;
import dev.parley.event.ChannelHead;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The counting rules, for sends, deletions, read markers and the counts themselves. Unread and
 * mention counts come from positions, not from a counter per member: the channel's head counts its
 * top-level messages ({@code ordinal}); a member has read up to {@code readOrdinal} (the channel's
 * ordinal when they joined, then where they marked read). So
 *
 * <pre>
 * unread   = ordinal - readOrdinal - ownAfterRead - |deleted ordinals after readOrdinal|
 * mentions = mentionsAfterRead + |@channel/@here messages after readOrdinal, not theirs, not deleted|
 * </pre>
 *
 * A send writes the author's membership (one more own message; it is the membership condition the
 * send needs anyway) and the membership of each member it mentions by name; a mention of everyone and
 * a deletion are recorded once per channel on its counting item ({@code seq = -1} in ChannelEvents,
 * beside the head, written by nothing else). A deletion also takes back the own message and the
 * by-name mentions it counted for, from memberships that had not read it. Thread replies count for
 * nothing. A mark-read is one conditional write of the reader's membership.
 */
@ApplicationScoped
public class UnreadCounts {

    static final String READ_ORDINAL = "readOrdinal";
    static final String OWN = "ownAfterRead";
    static final String LAST_OWN = "lastOwnOrdinal";
    static final String MENTIONS = "mentionsAfterRead";
    static final String LAST_MENTION = "lastMentionOrdinal";
    static final String VERSION = "counterVersion";
    private static final String DELETED = "deletedOrdinals";
    private static final String EVERYONE = "everyoneMentions";
    private static final long COUNTING_SEQ = -1;

    private final Dynamo dynamo;
    private final ChannelEventLog log;

    public UnreadCounts(Dynamo dynamo, ChannelEventLog log) {
        this.dynamo = dynamo;
        this.log = log;
    }

    public record Counts(int unread, int mentions) {
        public static final Counts NONE = new Counts(0, 0);
    }

    // --- sending ---

    /**
     * The author's membership for a top-level message of {@code ordinal}: one more own message after
     * their marker. Fails unless they are in the channel (and not set aside).
     */
    public TransactWriteItem posting(String channelId, String authorId, long ordinal) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, membershipKey(channelId, authorId),
                "ADD " + OWN + " :one, " + VERSION + " :one SET " + LAST_OWN + " = :o", Map.of(),
                Map.of(":one", n(1), ":o", n(ordinal)), ChannelStore.ACTIVE_MEMBER);
    }

    /** The author's membership for a thread reply, which counts for nothing: only the condition that they are in the channel. */
    public TransactWriteItem replying(String channelId, String authorId) {
        return dynamo.check(Table.CHANNEL_MEMBERSHIPS, membershipKey(channelId, authorId), ChannelStore.ACTIVE_MEMBER, Map.of());
    }

    /** A member mentioned by name in the top-level message of {@code ordinal}; fails if they are not in the channel (any more). */
    public TransactWriteItem mentioning(String channelId, String userId, long ordinal) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, membershipKey(channelId, userId),
                "ADD " + MENTIONS + " :one, " + VERSION + " :one SET " + LAST_MENTION + " = :o", Map.of(),
                Map.of(":one", n(1), ":o", n(ordinal)), "attribute_exists(userId)");
    }

    /** The top-level message of {@code ordinal} by {@code authorId} mentions everyone in the channel. */
    public TransactWriteItem mentioningEveryone(String channelId, long ordinal, String authorId) {
        return dynamo.update(Table.CHANNEL_EVENTS, countingKey(channelId), "ADD " + EVERYONE + " :e", Map.of(),
                Map.of(":e", AttributeValue.fromSs(List.of(ordinal + ":" + authorId))), null);
    }

    // --- deleting ---

    /** The top-level message of {@code ordinal} is deleted: it counts for nobody any more. */
    public TransactWriteItem deleting(String channelId, long ordinal) {
        return dynamo.update(Table.CHANNEL_EVENTS, countingKey(channelId), "ADD " + DELETED + " :d", Map.of(),
                Map.of(":d", AttributeValue.fromNs(List.of(Long.toString(ordinal)))), null);
    }

    /** Whether a deleted message of {@code ordinal} still counted for this member (by {@link #uncounting}): they had not read it. */
    public static boolean counted(ChannelMembership member, long ordinal) {
        return member.reading().readOrdinal() < ordinal;
    }

    /**
     * Takes back, from a member who had not read it, the deleted top-level message of {@code ordinal}:
     * as their own message ({@code own}) and/or as a mention by name. Only if the membership is as read
     * ({@code counterVersion}): else the deletion reads it again.
     */
    public TransactWriteItem uncounting(ChannelMembership member, long ordinal, boolean own, boolean mention) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, membershipKey(member.channelId(), member.userId()),
                "ADD " + OWN + " :own, " + MENTIONS + " :mention, " + VERSION + " :one", Map.of(),
                Map.of(":own", n(own ? -1 : 0), ":mention", n(mention ? -1 : 0), ":one", n(1), ":v", n(member.counterVersion()),
                        ":o", n(ordinal)),
                "attribute_exists(userId) AND " + versionIs(member) + " AND (attribute_not_exists(" + READ_ORDINAL + ") OR "
                        + READ_ORDINAL + " < :o)");
    }

    // --- marking read ---

    /**
     * The reader's marker moves forward to {@code messageId} (of top-level ordinal {@code ordinal}),
     * and nothing of their own and no mention of them by name is left after it. Fails when that is not
     * so (they posted or were mentioned after it), when the marker is there already, or they are not in
     * the channel: then {@link #recountedRead} with what is left, counted.
     */
    public TransactWriteItem markingRead(String channelId, String userId, String messageId, long ordinal) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, membershipKey(channelId, userId),
                "SET lastReadMessageId = :m, " + READ_ORDINAL + " = :o, " + OWN + " = :zero, " + MENTIONS + " = :zero ADD "
                        + VERSION + " :one",
                Map.of(), Map.of(":m", s(messageId), ":o", n(ordinal), ":zero", n(0), ":one", n(1)),
                ChannelStore.ACTIVE_MEMBER + " AND " + forward() + " AND " + notAfter(LAST_OWN) + " AND " + notAfter(LAST_MENTION));
    }

    /** As {@link #markingRead}, with {@code own} of their messages and {@code mentions} by name left after it; only if the membership is as read. */
    public TransactWriteItem recountedRead(ChannelMembership member, String messageId, long ordinal, int own, int mentions) {
        return dynamo.update(Table.CHANNEL_MEMBERSHIPS, membershipKey(member.channelId(), member.userId()),
                "SET lastReadMessageId = :m, " + READ_ORDINAL + " = :o, " + OWN + " = :own, " + MENTIONS + " = :mentions ADD "
                        + VERSION + " :one",
                Map.of(), Map.of(":m", s(messageId), ":o", n(ordinal), ":own", n(own), ":mentions", n(mentions), ":one", n(1),
                        ":v", n(member.counterVersion())),
                ChannelStore.ACTIVE_MEMBER + " AND " + forward() + " AND " + versionIs(member));
    }

    /** Whether a marker at {@code messageId} of {@code ordinal} would move this member's forward. */
    public static boolean movesForward(ChannelMembership member, String messageId, long ordinal) {
        return (member.lastReadMessageId() == null || member.lastReadMessageId().compareTo(messageId) < 0)
                && member.reading().readOrdinal() <= ordinal;
    }

    // --- counting ---

    /** The members' counts, from their channels' heads and counting items (two consistent batch reads). */
    public Map<String, Counts> countsOf(Collection<ChannelMembership> members) {
        List<String> channelIds = members.stream().map(ChannelMembership::channelId).distinct().toList();
        if (channelIds.isEmpty()) {
            return Map.of();
        }
        Map<String, ChannelHead> heads = log.channelHeads(channelIds);
        Map<String, Map<String, AttributeValue>> counting = new HashMap<>();
        dynamo.getAll(Table.CHANNEL_EVENTS, channelIds.stream().map(UnreadCounts::countingKey).toList())
                .forEach(item -> counting.put(str(item, "channelId"), item));
        Map<String, Counts> counts = new HashMap<>();
        for (ChannelMembership member : members) {
            Map<String, AttributeValue> item = counting.getOrDefault(member.channelId(), Map.of());
            counts.put(member.channelId(), count(member, heads.get(member.channelId()).ordinal(), deleted(item), everyone(item)));
        }
        return counts;
    }

    /** The rule itself (see the class comment). */
    static Counts count(ChannelMembership member, long channelOrdinal, Set<Long> deleted, Map<Long, String> everyone) {
        ChannelMembership.Reading reading = member.reading();
        long read = reading.readOrdinal();
        long deletedAfter = deleted.stream().filter(o -> o > read).count();
        long everyoneAfter = everyone.entrySet().stream()
                .filter(e -> e.getKey() > read && !deleted.contains(e.getKey()) && !e.getValue().equals(member.userId())).count();
        long unread = channelOrdinal - read - reading.ownAfterRead() - deletedAfter;
        return new Counts((int) Math.max(0, unread), (int) Math.max(0, reading.mentionsAfterRead() + everyoneAfter));
    }

    static ChannelMembership.Reading readingOf(Map<String, AttributeValue> item) {
        return new ChannelMembership.Reading(Items.num(item, READ_ORDINAL), (int) Items.num(item, OWN), Items.num(item, LAST_OWN),
                (int) Items.num(item, MENTIONS), Items.num(item, LAST_MENTION));
    }

    private static Set<Long> deleted(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(DELETED);
        return value == null || !value.hasNs() ? Set.of() : value.ns().stream().map(Long::parseLong).collect(Collectors.toSet());
    }

    private static Map<Long, String> everyone(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(EVERYONE);
        Map<Long, String> byOrdinal = new HashMap<>();
        if (value != null && value.hasSs()) {
            value.ss().forEach(entry -> {
                String[] ordinalAndAuthor = entry.split(":", 2);
                byOrdinal.put(Long.parseLong(ordinalAndAuthor[0]), ordinalAndAuthor[1]);
            });
        }
        return byOrdinal;
    }

    private static String forward() {
        return "(attribute_not_exists(lastReadMessageId) OR lastReadMessageId < :m) AND (attribute_not_exists(" + READ_ORDINAL + ") OR "
                + READ_ORDINAL + " <= :o)";
    }

    private static String notAfter(String attribute) {
        return "(attribute_not_exists(" + attribute + ") OR " + attribute + " <= :o)";
    }

    private static String versionIs(ChannelMembership member) {
        return member.counterVersion() == 0 ? "(attribute_not_exists(" + VERSION + ") OR " + VERSION + " = :v)" : VERSION + " = :v";
    }

    private static Map<String, AttributeValue> membershipKey(String channelId, String userId) {
        return Items.key("channelId", channelId, "userId", userId);
    }

    private static Map<String, AttributeValue> countingKey(String channelId) {
        return Map.of("channelId", s(channelId), "seq", n(COUNTING_SEQ));
    }
}
