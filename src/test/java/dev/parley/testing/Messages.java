package dev.parley.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Sends messages through the public API, each with a fresh clientMessageId. */
public final class Messages {

    private static final String SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id threadId text createdAt deleted"
            + " author { id } channel { id } mentions { id } } }";

    private Messages() {
    }

    /** The full answer, for tests that look at errors or fields. */
    public static GraphQLClient.Result send(Accounts.Account who, String channelId, String text, String threadId) {
        return send(who.client(), channelId, text, threadId);
    }

    /** Through a given client, e.g. one pointed at a second instance. */
    public static GraphQLClient.Result send(GraphQLClient client, String channelId, String text, String threadId) {
        Map<String, Object> input = new HashMap<>(Map.of("channelId", channelId, "text", text, "clientMessageId", UUID.randomUUID().toString()));
        if (threadId != null) {
            input.put("threadId", threadId);
        }
        return client.execute(SEND, Map.of("i", input));
    }

    /** The new message's id. */
    public static String post(Accounts.Account who, String channelId, String text) {
        return send(who, channelId, text, null).string("sendMessage.id");
    }

    public static String reply(Accounts.Account who, String channelId, String text, String rootId) {
        return send(who, channelId, text, rootId).string("sendMessage.id");
    }
}
