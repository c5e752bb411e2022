package dev.parley.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.parley.search.lucene.LuceneSearchIndex;
import dev.parley.testing.Accounts;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class SearchRebuildTest {

    @Inject
    SearchRebuild rebuild;

    @Inject
    SearchStartup startup;

    @BeforeEach
    void startUpIsOver() {
        Searches.afterStartUp(startup);
    }

    @Test
    void aMissingIndexIsRebuiltFromDynamoDbWithDeletedMessagesLeftOut() throws Exception {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = "zr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String kept = Messages.post(ada, general, w + " kept for later");
        String gone = Messages.post(ada, general, w + " deleted soon");
        ada.client().execute("mutation($id: ID!) { deleteMessage(id: $id) { id } }", Map.of("id", gone)).assertNoErrors();

        Path directory = Files.createTempDirectory("parley-search-missing");
        try (LuceneSearchIndex fresh = new LuceneSearchIndex(directory)) { // as after the index was deleted while stopped
            assertTrue(fresh.needsRebuild());
            rebuild.rebuild(fresh, false);
            assertFalse(fresh.needsRebuild());
            MessageQuery query = new MessageQuery(SearchKind.MESSAGE, List.of(w), List.of(), List.of(), Set.of(general), Set.of(), null, null, false);
            assertEquals(List.of(kept), fresh.search(query, 10, null).hits().stream().map(SearchPage.Hit::messageId).toList());
        }
        try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
            assertFalse(reopened.needsRebuild(), "a built index is not rebuilt at the next start");
        }
    }

    @Test
    void theRebuildCommandNeedsItsTokenAndLeavesEverythingFindable() {
        Teams.Team team = Teams.withMembers(0);
        Accounts.Account ada = team.owner();
        String general = WorkspaceOps.channelId(ada, team.workspaceId(), "general");
        String w = "zr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = Messages.post(ada, general, w + " still here after a rebuild");
        Searches.untilFound(ada, team.workspaceId(), w, id);

        RestAssured.given().header("Authorization", "Bearer wrong").post("/admin/search/rebuild").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer parley-test-rebuild-token").post("/admin/search/rebuild").then().statusCode(200);
        assertEquals(List.of(id), Searches.messageIds(ada, team.workspaceId(), w));
    }
}
