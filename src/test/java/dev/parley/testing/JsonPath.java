package dev.parley.testing;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;


/**
 * A parsed JSON document read by paths such as {@code data.channels.nodes.id} or
 * {@code errors[0].extensions.code}: a name applied to a list applies to each element (the list of
 * their values), as in rest-assured's GPath. The tests' reader of every GraphQL answer and socket
 * frame: rest-assured's JsonPath compiles a Groovy script for each path it reads, which made the
 * test JVM spend most of a busy test compiling Groovy next to the server it tests.
 */
public final class JsonPath {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final String text;
    private Object root;

    public JsonPath(String text) {
        this.text = text;
    }

    public static JsonPath from(String text) {
        return new JsonPath(text);
    }

    /** The value at {@code path}: a String, Integer/Long/BigDecimal, Boolean, Map, List or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(String path) {
        return (T) at(path);
    }

    public String getString(String path) {
        Object value = at(path);
        return value == null ? null : value.toString();
    }

    public int getInt(String path) {
        return ((Number) at(path)).intValue();
    }

    public long getLong(String path) {
        return ((Number) at(path)).longValue();
    }

    public boolean getBoolean(String path) {
        Object value = at(path);
        return value instanceof Boolean bool ? bool : Boolean.parseBoolean(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> getList(String path) {
        return (List<T>) at(path);
    }

    /** The list at {@code path}, each element checked to be a {@code type}. */
    public <T> List<T> getList(String path, Class<T> type) {
        List<Object> list = getList(path);
        return list == null ? null : list.stream().map(type::cast).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> getMap(String path) {
        return (Map<K, V>) at(path);
    }

    /** The document indented, for failure messages. */
    public String prettify() {
        StringWriter out = new StringWriter();
        try (var reader = JSON.createReader(new StringReader(text));
                var writer = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(reader.readValue());
        }
        return out.toString().trim();
    }

    @Override
    public String toString() {
        return text;
    }

    private Object at(String path) {
        Object current = root();
        if (path == null || path.isEmpty() || path.equals("$")) {
            return current;
        }
        for (String step : path.split("\\.")) {
            int bracket = step.indexOf('[');
            String name = bracket < 0 ? step : step.substring(0, bracket);
            if (!name.isEmpty()) {
                current = member(current, name);
            }
            while (bracket >= 0 && current != null) {
                int close = step.indexOf(']', bracket);
                current = element(current, Integer.parseInt(step.substring(bracket + 1, close)));
                bracket = step.indexOf('[', close);
            }
        }
        return current;
    }

    private static Object member(Object value, String name) {
        if (value instanceof Map<?, ?> map) {
            return map.get(name);
        }
        if (value instanceof List<?> list) {
            List<Object> each = new ArrayList<>(list.size());
            list.forEach(element -> each.add(member(element, name)));
            return each;
        }
        return null;
    }

    private static Object element(Object value, int index) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        int at = index < 0 ? list.size() + index : index;
        return at >= 0 && at < list.size() ? list.get(at) : null;
    }

    private Object root() {
        if (root == null) {
            try (var reader = JSON.createReader(new StringReader(text))) {
                root = plain(reader.readValue());
            }
        }
        return root;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((key, member) -> map.put(key, plain(member)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(element -> list.add(plain(element)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private static Object number(JsonNumber number) {
        if (!number.isIntegral()) {
            float single = number.bigDecimalValue().floatValue(); // a Float when it is exact, as rest-assured answers
            return (double) single == number.doubleValue() ? (Object) single : (Object) number.doubleValue();
        }
        BigDecimal exact = number.bigDecimalValue();
        try {
            return exact.intValueExact();
        } catch (ArithmeticException notAnInt) {
            try {
                return exact.longValueExact();
            } catch (ArithmeticException notALong) {
                return exact.toBigIntegerExact();
            }
        }
    }
}
