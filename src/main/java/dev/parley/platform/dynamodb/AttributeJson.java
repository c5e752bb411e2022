package dev.parley.platform.dynamodb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB's own JSON form ({@code {"S": "x"}}, {@code {"N": "1"}}, ...), so that what a
 * store writes can travel elsewhere (a Redis notice) and be read back by the same store code.
 */
public final class AttributeJson {

    private AttributeJson() {
    }

    public static JsonObject of(Map<String, AttributeValue> item) {
        JsonObject json = new JsonObject();
        item.forEach((name, value) -> json.put(name, of(value)));
        return json;
    }

    public static Map<String, AttributeValue> item(JsonObject json) {
        Map<String, AttributeValue> item = new HashMap<>();
        json.forEach(entry -> item.put(entry.getKey(), value((JsonObject) entry.getValue())));
        return item;
    }

    private static JsonObject of(AttributeValue value) {
        return switch (value.type()) {
            case S -> new JsonObject().put("S", value.s());
            case N -> new JsonObject().put("N", value.n());
            case BOOL -> new JsonObject().put("BOOL", value.bool());
            case NUL -> new JsonObject().put("NULL", true);
            case SS -> new JsonObject().put("SS", new JsonArray(List.copyOf(value.ss())));
            case NS -> new JsonObject().put("NS", new JsonArray(List.copyOf(value.ns())));
            case L -> new JsonObject().put("L", new JsonArray(value.l().stream().map(AttributeJson::of).toList()));
            case M -> new JsonObject().put("M", of(value.m()));
            default -> throw new IllegalArgumentException("No JSON form for a " + value.type() + " attribute");
        };
    }

    private static AttributeValue value(JsonObject json) {
        String type = json.fieldNames().iterator().next();
        return switch (type) {
            case "S" -> AttributeValue.fromS(json.getString(type));
            case "N" -> AttributeValue.fromN(json.getString(type));
            case "BOOL" -> AttributeValue.fromBool(json.getBoolean(type));
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings(json.getJsonArray(type)));
            case "NS" -> AttributeValue.fromNs(strings(json.getJsonArray(type)));
            case "L" -> AttributeValue.fromL(json.getJsonArray(type).stream().map(v -> value((JsonObject) v)).toList());
            case "M" -> AttributeValue.fromM(item(json.getJsonObject(type)));
            default -> throw new IllegalArgumentException("Not an attribute in JSON form: " + json);
        };
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(String.class::cast).toList();
    }
}
