package dev.parley.channel;

import static dev.parley.platform.dynamodb.Items.s;
import static dev.parley.platform.dynamodb.Items.str;
import static dev.parley.platform.dynamodb.Items.time;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The registry of direct messages (Conversations): one item per (workspace, set of people), keyed
 * by that set, pointing at its channel. Registering it with a condition, in the transaction that
 * creates the channel, is what gives the same people the same channel even when they open it at
 * the same moment.
 */
@ApplicationScoped
public class ConversationStore {

    private static final String ID = "conversationId";

    private final Dynamo dynamo;

    public ConversationStore(Dynamo dynamo) {
        this.dynamo = dynamo;
    }

    /** The conversation id of a set of people: their sorted ids, so any order gives the same one. */
    public static String conversationId(String workspaceId, List<String> participantIds) {
        return workspaceId + "#" + String.join(",", participantIds.stream().sorted().toList());
    }

    public Optional<String> channelOf(String conversationId) {
        return dynamo.get(Table.CONVERSATIONS, Items.key(ID, conversationId)).map(item -> str(item, "channelId"));
    }

    /** Fails the transaction when the conversation exists already. */
    public TransactWriteItem registration(String conversationId, Channel channel, Instant now) {
        return dynamo.putNew(Table.CONVERSATIONS, Dynamo.item(ID, s(conversationId), "channelId", s(channel.id()),
                "workspaceId", s(channel.workspaceId()), "createdAt", time(now)));
    }
}
