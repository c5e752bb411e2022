package dev.parley.platform.graphql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;

/**
 * What an operation may cost at most, computed from the document and its variables before anything
 * runs. Every field costs 1, and its selections cost as many times as it can return items:
 * <ul>
 * <li>a page's {@code nodes} and {@code edges}: the page's {@code first} (50 when left out, at most
 * 200, as the resolvers clamp it);</li>
 * <li>other lists: their bound where there is one ({@code Message.reactions}: the distinct-emoji cap;
 * {@code presence(userIds)}: the ids asked for) and otherwise an estimate ({@link #ESTIMATES}, else
 * a default page of 50).</li>
 * </ul>
 * A field that makes storage calls of its own costs {@link #STORAGE_CALL} instead of 1: every root
 * field (a read, a write or a subscription) and every page (a field taking {@code first}, one query
 * per parent item). Aliases are separate fields. Introspection reads the schema in memory and costs
 * 1 per field; graphql-java's good-faith introspection check already refuses it repeated.
 * Arithmetic saturates at {@link Long#MAX_VALUE}, so no document can wrap the cost round.
 */
final class QueryCost {

    static final long STORAGE_CALL = 1_000;

    /** Lists without {@code first} and without a bound: how many items they hold in a busy workspace. */
    static final Map<String, Integer> ESTIMATES = Map.of(
            "Query.workspaces", 10,
            "Reaction.users", 10,
            "Message.mentions", 10,
            "Message.replyUsers", 10);

    private final Map<String, Integer> bounds;

    QueryCost(int maxDistinctReactions) {
        Map<String, Integer> known = new HashMap<>(ESTIMATES);
        known.put("Message.reactions", maxDistinctReactions);
        this.bounds = Map.copyOf(known);
    }

    long of(ExecutionContext execution) {
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(execution.getGraphQLSchema())
                .document(execution.getDocument())
                .operationName(execution.getExecutionInput().getOperationName())
                .coercedVariables(execution.getCoercedVariables())
                .build();
        // The cost of each field's selections, keyed by the field; null: the operation's root.
        Map<QueryVisitorFieldEnvironment, Long> selections = new HashMap<>();
        traverser.visitPostOrder(new QueryVisitorStub() {
            @Override
            public void visitField(QueryVisitorFieldEnvironment field) {
                long cost = add(ownCost(field), times(items(field), selections.getOrDefault(field, 0L)));
                selections.merge(field.getParentEnvironment(), cost, QueryCost::add);
            }
        });
        return selections.getOrDefault(null, 0L);
    }

    private static long ownCost(QueryVisitorFieldEnvironment field) {
        if (isIntrospection(field)) {
            return 1;
        }
        boolean root = field.getParentEnvironment() == null;
        return root || isPage(field) ? STORAGE_CALL : 1;
    }

    /** How many items the field can return: 1 unless it is a list. */
    private long items(QueryVisitorFieldEnvironment field) {
        if (!(GraphQLTypeUtil.unwrapNonNull(field.getFieldDefinition().getType()) instanceof GraphQLList) || isIntrospection(field)) {
            return 1;
        }
        QueryVisitorFieldEnvironment parent = field.getParentEnvironment();
        if (parent != null && isPage(parent)) {
            return pageSize(parent.getArguments().get("first"));
        }
        if (field.getArguments().get("userIds") instanceof List<?> ids) {
            return Math.min(ids.size(), Cursors.MAX_PAGE_SIZE);
        }
        return bounds.getOrDefault(field.getFieldsContainer().getName() + "." + field.getFieldDefinition().getName(),
                Cursors.DEFAULT_PAGE_SIZE);
    }

    private static boolean isPage(QueryVisitorFieldEnvironment field) {
        return field.getFieldDefinition().getArgument("first") != null;
    }

    private static boolean isIntrospection(QueryVisitorFieldEnvironment field) {
        return field.getFieldDefinition().getName().startsWith("__") || field.getFieldsContainer().getName().startsWith("__");
    }

    /** As the resolvers read {@code first}: 50 when left out, at most 200 (less than 1 is refused there). */
    private static long pageSize(Object first) {
        // SmallRye's Int coerces to whichever Number the resolver's parameter is, not always Integer.
        return first instanceof Number asked ? Math.max(1, Math.min(asked.longValue(), Cursors.MAX_PAGE_SIZE)) : Cursors.DEFAULT_PAGE_SIZE;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
