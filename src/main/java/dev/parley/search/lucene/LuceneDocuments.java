package dev.parley.search.lucene;

import static dev.parley.search.SearchFields.DOC_ID;
import static dev.parley.search.SearchFields.KIND;
import static dev.parley.search.SearchFields.MESSAGE;
import static dev.parley.search.SearchFields.FILE;
import static dev.parley.search.SearchFields.CHANNEL;
import static dev.parley.search.SearchFields.AUTHOR;
import static dev.parley.search.SearchFields.CREATED;
import static dev.parley.search.SearchFields.HAS_FILE;
import static dev.parley.search.SearchFields.TEXT;

import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchKind;

/**
 * The documents of a message: one for its text ({@code m:<id>}) and one per attached file
 * ({@code f:<fileId>}, its name as text), all carrying {@code messageId} so that one update replaces
 * them together.
 */
final class LuceneDocuments {

    /** Text with positions and offsets: phrases, and snippets without analysing again. */
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.setStored(true);
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_TYPE.freeze();
    }

    private LuceneDocuments() {
    }

    static List<Document> of(IndexedMessage message) {
        return message.parts().stream().map(part -> document(part.docId(), part.kind(), message, part.fileId(), part.text(), part.hasFile())).toList();
    }

    private static Document document(String docId, SearchKind kind, IndexedMessage message, String fileId, String text, boolean hasFile) {
        Document doc = new Document();
        doc.add(new StringField(DOC_ID, docId, Field.Store.YES));
        doc.add(new SortedDocValuesField(DOC_ID, new BytesRef(docId)));
        doc.add(new StringField(KIND, kind.name(), Field.Store.NO));
        doc.add(new StringField(MESSAGE, message.id(), Field.Store.YES));
        if (fileId != null) {
            doc.add(new StringField(FILE, fileId, Field.Store.YES));
        }
        doc.add(new StringField(CHANNEL, message.channelId(), Field.Store.YES));
        doc.add(new StringField(AUTHOR, message.authorId(), Field.Store.NO));
        long created = message.createdAt().toEpochMilli();
        doc.add(new LongPoint(CREATED, created));
        doc.add(new NumericDocValuesField(CREATED, created));
        doc.add(new StoredField(CREATED, created));
        if (hasFile) {
            doc.add(new StringField(HAS_FILE, "1", Field.Store.NO));
        }
        doc.add(new Field(TEXT, Snippets.clean(text), TEXT_TYPE));
        return doc;
    }
}
