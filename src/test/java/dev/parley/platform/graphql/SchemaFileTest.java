package dev.parley.platform.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The checked-in SDL is what clients build against, so it must equal what the server serves.
 * After an API change, rewrite it with:
 * {@code ./mvnw test -Dtest=SchemaFileTest -Dschema.write=true}
 */
@QuarkusTest
class SchemaFileTest {

    private static final Path SCHEMA_FILE = Path.of("graphql-schema/schema.graphql");

    @Test
    void theServedSchemaEqualsTheCheckedInFile() throws IOException {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.write")) {
            Files.writeString(SCHEMA_FILE, served);
        }
        String checkedIn = Files.exists(SCHEMA_FILE) ? Files.readString(SCHEMA_FILE) : "";
        assertEquals(checkedIn, served, "graphql-schema/schema.graphql is stale; rewrite it with "
                + "./mvnw test -Dtest=SchemaFileTest -Dschema.write=true");
    }
}
