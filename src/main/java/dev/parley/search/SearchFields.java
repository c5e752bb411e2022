package dev.parley.search;

/** The fields of a search document, the same in every engine (so both index and query one shape). */
public final class SearchFields {

    public static final String DOC_ID = "docId";
    public static final String KIND = "kind";
    public static final String MESSAGE = "messageId";
    public static final String FILE = "fileId";
    public static final String CHANNEL = "channelId";
    public static final String AUTHOR = "authorId";
    public static final String CREATED = "createdAt";
    public static final String HAS_FILE = "hasFile";
    public static final String TEXT = "text";

    private SearchFields() {
    }
}
