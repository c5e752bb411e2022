package dev.parley.live.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.parley.live.subscription.Event;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Which subscribers may share one execution of a subscription's selection per event. Two sockets
 * share when their selections are the same (document, operation, and the variables the selection
 * uses, not those of the root field such as {@code after}) and, unless every selected field is on
 * {@link #SHAREABLE}, they are the same person. Default-deny: a field not listed (a new one too)
 * makes the selection the person's own, so nothing that depends on the caller is shared across people.
 *
 * @param userId null when the selection is shared across people
 */
record SharedSelection(String query, String operationName, Map<String, Object> variables, String userId) {

    /**
     * Fields whose value is the same for everyone who receives the event. Not here, among others:
     * {@code Reaction.reactedByMe}, {@code Event.channel} and {@code Message.channel} (the caller's
     * access), {@code Event.notification}, {@code Message.files}, {@code User.email}/{@code presence}.
     */
    static final Set<String> SHAREABLE = Set.of(
            "Subscription.events", "Subscription.channelEvents",
            "Event.cursor", "Event.type", "Event.channelId", "Event.message", "Event.typing", "Event.presence", "Event.user",
            "Event.reaction", "Event.readMessageId",
            "Message.id", "Message.text", "Message.createdAt", "Message.editedAt", "Message.deleted", "Message.threadId",
            "Message.replyCount", "Message.lastReplyAt", "Message.mentionsChannel", "Message.author",
            "User.id", "User.name", "User.title", "User.statusEmoji", "User.statusText", "User.timezone",
            "Reaction.emoji", "Reaction.count", "Reaction.users",
            "TypingEvent.channelId", "TypingEvent.threadId", "TypingEvent.expiresAt", "TypingEvent.user",
            "Presence.status", "Presence.lastActiveAt", "Presence.user");

    /** The group of a subscription of {@code userId} with this request. */
    static SharedSelection of(GraphQLSchema schema, String query, String operationName, Map<String, Object> variables, String userId) {
        Document document = Parser.parse(query);
        Map<String, Object> all = variables == null ? Map.of() : variables;
        boolean shareable = everyFieldShareable(schema, document, operationName, all);
        Map<String, Object> used = new TreeMap<>();
        selectionVariables(document).forEach(name -> {
            if (all.containsKey(name)) {
                used.put(name, all.get(name));
            }
        });
        return new SharedSelection(query, operationName, used, shareable ? null : userId);
    }

    boolean acrossPeople() {
        return userId == null;
    }

    private static boolean everyFieldShareable(GraphQLSchema schema, Document document, String operationName, Map<String, Object> variables) {
        boolean[] shareable = {true};
        QueryTraverser.newQueryTraverser().schema(schema).document(document).operationName(operationName)
                .coercedVariables(CoercedVariables.of(variables)).build()
                .visitPreOrder(new QueryVisitorStub() {
                    @Override
                    public void visitField(QueryVisitorFieldEnvironment field) {
                        if (field.isTypeNameIntrospectionField()) {
                            return;
                        }
                        String parent = ((GraphQLNamedType) graphql.schema.GraphQLTypeUtil.unwrapAll(field.getParentType())).getName();
                        if (!SHAREABLE.contains(parent + "." + field.getFieldDefinition().getName())) {
                            shareable[0] = false;
                        }
                    }
                });
        return shareable[0];
    }

    /** The variables the document refers to other than in the arguments of its operation's root fields. */
    private static Set<String> selectionVariables(Document document) {
        Map<String, Integer> references = new HashMap<>();
        count(document, references, 1);
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            for (Field root : operation.getSelectionSet().getSelectionsOfType(Field.class)) {
                for (Argument argument : root.getArguments()) {
                    count(argument, references, -1);
                }
            }
        }
        references.values().removeIf(count -> count <= 0);
        return references.keySet();
    }

    private static void count(Node<?> root, Map<String, Integer> references, int by) {
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitVariableReference(VariableReference node, TraverserContext<Node> context) {
                references.merge(node.getName(), by, Integer::sum);
                return TraversalControl.CONTINUE;
            }
        }, root);
    }
}
