package dev.parley.event;

import static dev.parley.platform.dynamodb.Items.n;
import static dev.parley.platform.dynamodb.Items.num;
import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Turns on a channel's head between pods. A pod that commits back to back knows the head it made and
 * sends its next commit at once; a pod that lost learns the new head from the failure, a round trip
 * behind, and can lose every try while the other has sends queued. So after {@link #CLAIM_AFTER}
 * losses in one append a pod claims the turn: it writes its id and an expiry on the head, every
 * commit's head condition requires that no other pod holds a live turn, and the claimer's own commit
 * removes it. A claimer that dies holds the head for at most {@link #LENGTH}. Expiry compares the
 * pods' clocks, which the log already assumes are close ({@link ChannelEventLog#SETTLE_TIME}).
 */
final class HeadTurns {

    /** Lost tries of one append after which its pod claims the turn. */
    static final int CLAIM_AFTER = 3;
    /** How long a claimed turn holds the head for its pod at most. */
    static final Duration LENGTH = Duration.ofSeconds(2);
    static final String TURN = "turn";
    static final String TURN_UNTIL = "turnUntil";

    private final Dynamo dynamo;
    private final Clock clock;
    private final String pod = UUID.randomUUID().toString();

    HeadTurns(Dynamo dynamo, Clock clock) {
        this.dynamo = dynamo;
        this.clock = clock;
    }

    /** The head condition's clause that no other pod holds a live turn; adds its values to {@code values}. */
    String noOtherTurn(Map<String, AttributeValue> values) {
        values.put(":turnPod", s(pod));
        values.put(":turnNow", n(clock.millis()));
        return "(attribute_not_exists(" + TURN + ") OR " + TURN + " = :turnPod OR " + TURN_UNTIL + " < :turnNow)";
    }

    /** The update clause every commit adds: a commit ends the turn, its own or an expired one. */
    static String endTurn() {
        return "REMOVE " + TURN + ", " + TURN_UNTIL;
    }

    /** How long another pod's turn still holds the head as a failed commit found it; empty when none does. */
    Optional<Duration> heldByOther(Map<String, AttributeValue> head) {
        String holder = str(head, TURN);
        if (holder == null || holder.equals(pod)) {
            return Optional.empty();
        }
        long left = num(head, TURN_UNTIL) - clock.millis();
        return left > 0 ? Optional.of(Duration.ofMillis(left)) : Optional.empty();
    }

    /** Claims the channel's turn: the head as it is now, or empty when another pod holds a live turn. */
    Optional<ChannelHead> claim(String channelId) {
        long now = clock.millis();
        try {
            Map<String, AttributeValue> head = dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.CHANNEL_EVENTS))
                    .key(EventItems.headKey(channelId))
                    .updateExpression("SET " + TURN + " = :turnPod, " + TURN_UNTIL + " = :until")
                    .conditionExpression("attribute_exists(" + EventItems.LAST_SEQ + ") AND (attribute_not_exists(" + TURN + ") OR "
                            + TURN + " = :turnPod OR " + TURN_UNTIL + " < :turnNow)")
                    .expressionAttributeValues(Map.of(":turnPod", s(pod), ":until", n(now + LENGTH.toMillis()), ":turnNow", n(now)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(EventItems.headOf(head));
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }

    /** Gives the turn back when this pod's append ended without committing (a refused write, its deadline). */
    void release(String channelId) {
        try {
            dynamo.client().updateItem(b -> b.tableName(dynamo.name(Table.CHANNEL_EVENTS)).key(EventItems.headKey(channelId))
                    .updateExpression(endTurn()).conditionExpression(TURN + " = :turnPod")
                    .expressionAttributeValues(Map.of(":turnPod", s(pod))));
        } catch (ConditionalCheckFailedException gone) {
            // expired and taken, or ended by a commit: nothing to give back
        }
    }
}
