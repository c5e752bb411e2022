package dev.parley.search.lucene;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Message text as words: Unicode word breaks, lower case, accents folded, English possessives and
 * stems ("deploys", "deployed" find "deploy"), and Chinese, Japanese and Korean runs as overlapping
 * bigrams (they have no spaces between words). No stop words: "to be or not to be" is a phrase people
 * search for. Text is indexed with each CJK character on its own as well, so that a one-character
 * query ("京") finds it; a query keeps bigrams alone, so "会発" does not match 会 and 発 apart.
 */
public final class MessageAnalyzer extends Analyzer {

    private static final int CJK = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;

    private final boolean forIndexing;

    private MessageAnalyzer(boolean forIndexing) {
        this.forIndexing = forIndexing;
    }

    /** For the text as it is written to the index. */
    public static MessageAnalyzer indexing() {
        return new MessageAnalyzer(true);
    }

    /** For queries. */
    public static MessageAnalyzer querying() {
        return new MessageAnalyzer(false);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new CJKBigramFilter(stream, CJK, forIndexing);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
