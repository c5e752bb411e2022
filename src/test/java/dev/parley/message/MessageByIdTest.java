package dev.parley.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.dynamodb.DynamoCallCounter;
import dev.parley.platform.dynamodb.Items;
import dev.parley.platform.dynamodb.Table;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A message is found from its id by base-table keys (strongly consistent on real DynamoDB, where an
 * index is not): message(id), edit, react and delete right after the send query no index.
 */
@QuarkusTest
class MessageByIdTest {

    @Inject
    Dynamo dynamo;

    @Test
    void readingEditingReactingAndDeletingByIdQueryNoIndex() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String id = Messages.post(ada, general, "fresh");

        long before = requestQueries();
        assertEquals("fresh", bob.client().execute("query($id: ID!) { message(id: $id) { text } }", Map.of("id", id)).string("message.text"));
        assertEquals("edited", ada.client().execute("mutation($id: ID!) { editMessage(id: $id, text: \"edited\") { text } }",
                Map.of("id", id)).string("editMessage.text"));
        assertEquals(1, ((Number) bob.client().execute("mutation($id: ID!) { addReaction(messageId: $id, emoji: \":eyes:\") { reactions { count } } }",
                Map.of("id", id)).data("addReaction.reactions[0].count")).intValue());
        assertEquals(true, ada.client().execute("mutation($id: ID!) { deleteMessage(id: $id) { deleted } }", Map.of("id", id))
                .data("deleteMessage.deleted"));
        assertEquals(0, requestQueries() - before, "the requests queried: " + DynamoCallCounter.byOperation());
    }

    /** Queries made on request threads (the log's consumers, on Parley's own threads, query the log meanwhile). */
    private static long requestQueries() {
        LongAdder all = DynamoCallCounter.byOperation().get("Query");
        LongAdder background = DynamoCallCounter.inBackground().get("Query");
        return (all == null ? 0 : all.sum()) - (background == null ? 0 : background.sum());
    }

    @Test
    void aMessageStoredBeforeItsIdWasKeyedIsStillFound() {
        Teams.Team team = Teams.withMembers(1);
        Account ada = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String id = Messages.post(ada, general, "from before");
        dynamo.client().deleteItem(b -> b.tableName(dynamo.name(Table.UNIQUE_KEYS)).key(Items.key("uniqueKey", "message#" + id)));

        assertEquals("from before", bob.client().execute("query($id: ID!) { message(id: $id) { text } }", Map.of("id", id))
                .string("message.text"));
        assertEquals("NOT_FOUND", bob.client().execute("query($id: ID!) { message(id: $id) { text } }",
                Map.of("id", "01ARZ3NDEKTSV4RRFFQ69G5FAV")).errorCode());
    }
}
