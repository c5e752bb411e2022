package dev.parley.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * docs/configuration.md is generated from {@link ParleyConfig}: every key its {@code @ConfigMapping}
 * defines, with the meaning from its javadoc, the default and profile values from
 * application.properties, and the environment variables that set it. The test fails when the
 * committed file differs (rewrite it: {@code ./mvnw test -Dtest=ConfigurationReferenceTest -Dconfig.write=true}),
 * when a key has no javadoc, and when application.properties sets a {@code parley.} key the mapping lacks.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final Path SOURCE = Path.of("src/main/java/dev/parley/platform/config/ParleyConfig.java");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Pattern ALIAS = Pattern.compile("^\\$\\{([A-Z0-9_]+):(.*)}$");
    private static final List<String> PROFILES = List.of("dev", "local", "test");

    /** One leaf of the mapping. */
    record Key(String name, String type, String meaning) {
    }

    @Test
    void theReferenceListsEveryKeyOfTheMappingAsGenerated() throws IOException {
        Map<String, String> docs = javadocs(Files.readString(SOURCE));
        List<Key> keys = new ArrayList<>();
        collect(ParleyConfig.class, ParleyConfig.class.getAnnotation(ConfigMapping.class).prefix(), docs, keys);

        List<String> undocumented = keys.stream().filter(key -> key.meaning().isBlank()).map(Key::name).toList();
        assertTrue(undocumented.isEmpty(), "say what these mean in ParleyConfig's javadoc: " + undocumented);

        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(PROPERTIES)));
        Set<String> mapped = keys.stream().map(Key::name).collect(Collectors.toSet());
        Set<String> unmapped = properties.stringPropertyNames().stream().map(ConfigurationReferenceTest::withoutProfile)
                .filter(name -> name.startsWith("parley.") && !mapped.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(unmapped.isEmpty(), "application.properties sets keys ParleyConfig does not map: " + unmapped);

        String generated = render(keys, properties);
        if (Boolean.getBoolean("config.write")) {
            Files.writeString(REFERENCE, generated);
        }
        assertEquals(generated, Files.readString(REFERENCE),
                "docs/configuration.md is stale: rerun with -Dconfig.write=true and commit it");
    }

    private static void collect(Class<?> group, String prefix, Map<String, String> docs, List<Key> keys) {
        Comparator<Method> sourceOrder = Comparator.comparingInt(method -> order(docs, method));
        List<Method> methods = List.of(group.getDeclaredMethods()).stream()
                .filter(method -> Modifier.isAbstract(method.getModifiers()) && method.getParameterCount() == 0)
                .sorted(sourceOrder).toList();
        for (Method method : methods) {
            WithName renamed = method.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && isNestedIn(type, ParleyConfig.class)) {
                collect(type, name, docs, keys);
            } else {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                String meaning = docs.getOrDefault(docKey(method), "");
                keys.add(new Key(name, typeName(method.getGenericReturnType()),
                        fallback == null ? meaning : meaning + " (built-in default " + fallback.value() + ")"));
            }
        }
    }

    private static boolean isNestedIn(Class<?> type, Class<?> outer) {
        for (Class<?> enclosing = type.getEnclosingClass(); enclosing != null; enclosing = enclosing.getEnclosingClass()) {
            if (enclosing == outer) {
                return true;
            }
        }
        return false;
    }

    private static String render(List<Key> keys, Properties properties) {
        StringBuilder out = new StringBuilder("""
                # Configuration reference

                Every `parley.*` setting. Generated from `ParleyConfig` (the `@ConfigMapping`) and
                `src/main/resources/application.properties` by `ConfigurationReferenceTest`, which fails when
                this file is stale: after changing either, run
                `./mvnw test -Dtest=ConfigurationReferenceTest -Dconfig.write=true` and commit the result.

                Set a key as a system property (`-Dparley.live.ping-every=30S`) or as an environment variable:
                the key in upper case with `.` and `-` as `_` (`PARLEY_LIVE_PING_EVERY`) always works; some
                keys also read a shorter variable (the first one listed). Durations are ISO-8601 without
                `PT` (`15M`, `30S`, `7D`) or a number of seconds; sizes take `K`, `M`, `G`.
                Profiles: `dev` is `./mvnw quarkus:dev`, `local` is `bin/run-local`, `test` the tests;
                production runs with none of them. The Quarkus keys an operator sets (Redis, AWS, JWT keys,
                the drain) are in the README under "Point it at real AWS and Redis" and "Deploy".

                | key | environment variable | type | default | in profiles | meaning |
                |---|---|---|---|---|---|
                """);
        for (Key key : keys) {
            String value = properties.getProperty(key.name());
            String fallback = value;
            List<String> variables = new ArrayList<>();
            Matcher alias = value == null ? null : ALIAS.matcher(value);
            if (alias != null && alias.matches()) {
                variables.add(alias.group(1));
                fallback = alias.group(2);
            }
            variables.add(key.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            String profiles = PROFILES.stream().filter(profile -> properties.getProperty("%" + profile + "." + key.name()) != null)
                    .map(profile -> profile + ": `" + properties.getProperty("%" + profile + "." + key.name()) + "`")
                    .collect(Collectors.joining(", "));
            out.append("| `").append(key.name()).append("` | ")
                    .append(variables.stream().distinct().map(variable -> "`" + variable + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(key.type())
                    .append(" | ").append(fallback == null ? "(none)" : "`" + fallback + "`")
                    .append(" | ").append(profiles)
                    .append(" | ").append(key.meaning().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The javadoc of each method of the mapping's interfaces, by {@code Interface.method}, in source
     * order: a small scanner over ParleyConfig.java (javadoc, interface openings, methods, braces).
     */
    static Map<String, String> javadocs(String source) {
        Pattern tokens = Pattern.compile("(?s)/\\*\\*(.*?)\\*/|//[^\\n]*|interface\\s+(\\w+)[^{]*\\{|(\\w+)\\s*\\(\\s*\\)\\s*;|(\\{)|(})");
        Map<String, String> docs = new LinkedHashMap<>();
        List<String> enclosing = new ArrayList<>();
        String pending = null;
        Matcher token = tokens.matcher(source);
        while (token.find()) {
            if (token.group(1) != null) {
                pending = token.group(1);
            } else if (token.group(2) != null) {
                enclosing.add(token.group(2));
                pending = null;
            } else if (token.group(3) != null && !enclosing.isEmpty()) {
                docs.put(enclosing.get(enclosing.size() - 1) + "." + token.group(3), pending == null ? "" : clean(pending));
                pending = null;
            } else if (token.group(4) != null) {
                enclosing.add("");
            } else if (token.group(5) != null && !enclosing.isEmpty()) {
                enclosing.remove(enclosing.size() - 1);
            }
        }
        return docs;
    }

    private static String clean(String javadoc) {
        return javadoc.replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`")
                .replaceAll("\\s+", " ").trim();
    }

    private static int order(Map<String, String> docs, Method method) {
        int index = new ArrayList<>(docs.keySet()).indexOf(docKey(method));
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static String docKey(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == java.util.Optional.class) {
            return typeName(generic.getActualTypeArguments()[0]) + ", optional";
        }
        String name = type instanceof Class<?> plain ? plain.getSimpleName() : type.getTypeName();
        return name.equals("MemorySize") ? "size" : name.toLowerCase(Locale.ROOT);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String withoutProfile(String name) {
        return name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
    }

    @Test
    void theScannerReadsNestedInterfacesAndSkipsBracesInJavadoc() {
        Map<String, String> docs = javadocs("""
                interface Root {
                    /** Top, with {@code braces}. */
                    int top();
                    interface Inner {
                        /** Inner one. */
                        String one();
                        interface Deeper {
                            Duration two();
                        }
                        /** After the deeper group. */
                        boolean three();
                    }
                }
                """);
        Map<String, String> expected = new HashMap<>(Map.of("Root.top", "Top, with `braces`.", "Inner.one", "Inner one.",
                "Deeper.two", "", "Inner.three", "After the deeper group."));
        assertEquals(expected, new HashMap<>(docs));
        assertEquals(List.of("Root.top", "Inner.one", "Deeper.two", "Inner.three"), List.copyOf(docs.keySet()));
    }
}
