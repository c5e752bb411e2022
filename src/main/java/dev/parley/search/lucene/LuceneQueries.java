package dev.parley.search.lucene;

import dev.parley.search.SearchFields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import dev.parley.search.MessageQuery;

/** {@link MessageQuery} as a Lucene query over the fields {@link LuceneDocuments} writes. */
final class LuceneQueries {

    private final Analyzer analyzer;

    LuceneQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The whole query: text clauses scored, everything else a filter, nothing created after {@code asOf}. */
    Query build(MessageQuery query, Instant asOf) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        Query text = text(query);
        all.add(text == null ? new MatchAllDocsQuery() : text, text == null ? Occur.FILTER : Occur.MUST);
        all.add(new TermQuery(new Term(SearchFields.KIND, query.kind().name())), Occur.FILTER);
        all.add(inSet(SearchFields.CHANNEL, query.channelIds()), Occur.FILTER);
        if (!query.authorIds().isEmpty()) {
            all.add(inSet(SearchFields.AUTHOR, query.authorIds()), Occur.FILTER);
        }
        long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
        long until = query.until() == null ? Long.MAX_VALUE : query.until().toEpochMilli() - 1;
        until = Math.min(until, asOf.toEpochMilli());
        all.add(LongPoint.newRangeQuery(SearchFields.CREATED, from, until), Occur.FILTER);
        if (query.hasFile()) {
            all.add(new TermQuery(new Term(SearchFields.HAS_FILE, "1")), Occur.FILTER);
        }
        for (String excluded : query.excluded()) {
            Query term = phrase(excluded);
            if (term != null) {
                all.add(term, Occur.MUST_NOT);
            }
        }
        return all.build();
    }

    /** The scored part alone (words and phrases, all required), for highlighting; null when there is none. */
    Query text(MessageQuery query) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        int clauses = 0;
        List<String> parts = new ArrayList<>(query.words());
        parts.addAll(query.phrases());
        for (String part : parts) {
            Query q = phrase(part);
            if (q != null) {
                text.add(q, Occur.MUST);
                clauses++;
            }
        }
        return clauses == 0 ? null : text.build();
    }

    /** The text analyzed: one term, or the terms in their positions (a phrase, or a word CJK splits into bigrams). */
    private Query phrase(String text) {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        List<Term> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(SearchFields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            int position = -1;
            while (tokens.incrementToken()) {
                position += Math.max(1, increment.getPositionIncrement());
                Term t = new Term(SearchFields.TEXT, term.toString());
                terms.add(t);
                phrase.add(t, position);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        return terms.size() == 1 ? new TermQuery(terms.get(0)) : phrase.build();
    }

    private static Query inSet(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }
}
