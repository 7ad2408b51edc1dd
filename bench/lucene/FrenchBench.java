// FrenchBench.java — the Lucene 4.10 peer: FrenchAnalyzer + BM25, indexing and the benchmark query mix.
//
//   java FrenchBench index DOCS.tsv INDEX_DIR THREADS       → one JSON line {docs, bytes, seconds}
//   java FrenchBench search INDEX_DIR QUERIES.tsv CLIENTS WARM ROUNDS → one JSON line {latencies_ms, ...}
//   java FrenchBench topics INDEX_DIR TOPICS.tsv DEPTH RUN.txt → a TREC run (top DEPTH), one JSON line {topics, retried}
//
// DOCS.tsv is PostgreSQL COPY text format (id, title, body, source, date YYYY-MM-DD; \t \n \\ escaped),
// the same file the PostgreSQL peer loads. QUERIES.tsv: query, source filter, year filter, sort (date|).
// Each query returns the top 10 (id and title loaded), the exact total and exact facet counts by source
// and by month over the whole match set, as veille does.
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.AtomicReaderContext;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.NumericRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.Version;

public final class FrenchBench {
    private static final Version VERSION = Version.LUCENE_4_10_4;
    private static final String[] END = new String[0];

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("index")) {
            index(args[1], args[2], Integer.parseInt(args[3]));
        } else if (args.length >= 6 && args[0].equals("search")) {
            search(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else if (args.length == 5 && args[0].equals("topics")) {
            topics(args[1], args[2], Integer.parseInt(args[3]), args[4]);
        } else {
            System.err.println("usage: FrenchBench index DOCS.tsv DIR THREADS | search DIR QUERIES.tsv CLIENTS WARM ROUNDS"
                               + " | topics DIR TOPICS.tsv DEPTH RUN");
            System.exit(2);
        }
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ++i) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- indexing ----

    static void index(String docsPath, String dir, int threads) throws Exception {
        long start = System.nanoTime();
        Analyzer analyzer = new FrenchAnalyzer(VERSION);
        IndexWriterConfig config = new IndexWriterConfig(VERSION, analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setSimilarity(new BM25Similarity());
        // Plain segment files rather than compound ones, so that the report can say what takes the space.
        config.setUseCompoundFile(false);
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setNoCFSRatio(0.0);
        config.setMergePolicy(merges);
        final IndexWriter writer = new IndexWriter(FSDirectory.open(new File(dir)), config);
        final BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(1024);
        final long[] counts = new long[2];
        List<Thread> workers = new ArrayList<>();
        final Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; ++t) {
            Thread worker = new Thread(() -> {
                try {
                    for (;;) {
                        String[] row = queue.take();
                        if (row == END) return;
                        writer.addDocument(document(row));
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            worker.start();
            workers.add(worker);
        }
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(docsPath), StandardCharsets.UTF_8), 1 << 20)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] row = line.split("\t", -1);
                for (int i = 0; i < row.length; ++i) row[i] = row[i].equals("\\N") ? "" : unescape(row[i]);
                counts[0]++;
                counts[1] += row[1].getBytes(StandardCharsets.UTF_8).length + row[2].getBytes(StandardCharsets.UTF_8).length;
                queue.put(row);
            }
        }
        for (int t = 0; t < threads; ++t) queue.put(END);
        for (Thread worker : workers) worker.join();
        if (failure[0] != null) throw failure[0];
        writer.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "{\"docs\":%d,\"bytes\":%d,\"seconds\":%.3f}%n", counts[0], counts[1], seconds);
    }

    static Document document(String[] row) {
        Document doc = new Document();
        doc.add(new StringField("id", row[0], Field.Store.YES));
        doc.add(new TextField("title", row[1], Field.Store.YES));
        doc.add(new TextField("body", row[2], Field.Store.YES));
        doc.add(new StringField("source", row[3], Field.Store.YES));
        doc.add(new SortedDocValuesField("source", new BytesRef(row[3])));
        String date = row[4];
        int ymd = date.isEmpty() ? 0 : Integer.parseInt(date.replace("-", ""));
        doc.add(new IntField("date", ymd, Field.Store.NO));
        doc.add(new NumericDocValuesField("date", ymd));
        doc.add(new SortedDocValuesField("month", new BytesRef(date.length() >= 7 ? date.substring(0, 7) : "")));
        return doc;
    }

    // ---- queries ----

    /** Exact counts of the source and month values over every matching document. */
    static final class FacetCollector extends Collector {
        final Map<String, Integer> source = new HashMap<>();
        final Map<String, Integer> month = new HashMap<>();
        private SortedDocValues sourceValues, monthValues;
        private int[] sourceCounts, monthCounts;

        @Override public void setScorer(Scorer scorer) {}
        @Override public boolean acceptsDocsOutOfOrder() { return true; }

        @Override public void setNextReader(AtomicReaderContext context) throws IOException {
            fold();
            sourceValues = context.reader().getSortedDocValues("source");
            monthValues = context.reader().getSortedDocValues("month");
            sourceCounts = sourceValues == null ? null : new int[sourceValues.getValueCount()];
            monthCounts = monthValues == null ? null : new int[monthValues.getValueCount()];
        }

        @Override public void collect(int doc) {
            if (sourceCounts != null) { int o = sourceValues.getOrd(doc); if (o >= 0) sourceCounts[o]++; }
            if (monthCounts != null) { int o = monthValues.getOrd(doc); if (o >= 0) monthCounts[o]++; }
        }

        void fold() {
            fold(sourceValues, sourceCounts, source);
            fold(monthValues, monthCounts, month);
        }

        private static void fold(SortedDocValues values, int[] counts, Map<String, Integer> into) {
            if (counts == null) return;
            for (int o = 0; o < counts.length; ++o)
                if (counts[o] > 0) into.merge(values.lookupOrd(o).utf8ToString(), counts[o], Integer::sum);
        }
    }

    static final class Spec {
        String q, source, sort;
        int year;
    }

    static List<Spec> readQueries(String path) throws IOException {
        List<Spec> specs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] f = line.split("\t", -1);
                Spec s = new Spec();
                s.q = f[0];
                s.source = f[1];
                s.year = f[2].isEmpty() ? 0 : Integer.parseInt(f[2]);
                s.sort = f[3];
                specs.add(s);
            }
        }
        return specs;
    }

    static final Set<String> LOAD = new HashSet<>(Arrays.asList("id", "title"));

    /** Runs one query; returns the total number of matches. */
    static int run(IndexSearcher searcher, Analyzer analyzer, Spec spec) throws Exception {
        Map<String, Float> boosts = new HashMap<>();
        boosts.put("title", 1.5f);
        boosts.put("body", 1.0f);
        MultiFieldQueryParser parser = new MultiFieldQueryParser(VERSION, new String[] {"title", "body"}, analyzer, boosts);
        parser.setDefaultOperator(QueryParser.Operator.OR);
        Query text = parser.parse(spec.q);
        BooleanQuery query = new BooleanQuery();
        query.add(text, BooleanClause.Occur.MUST);
        if (!spec.source.isEmpty()) {
            Query f = new ConstantScoreQuery(new TermQuery(new Term("source", spec.source)));
            f.setBoost(0f);
            query.add(f, BooleanClause.Occur.MUST);
        }
        if (spec.year != 0) {
            Query f = new ConstantScoreQuery(NumericRangeQuery.newIntRange("date", spec.year * 10000, spec.year * 10000 + 1231, true, true));
            f.setBoost(0f);
            query.add(f, BooleanClause.Occur.MUST);
        }
        TopDocsCollector<?> top = spec.sort.equals("date")
            ? TopFieldCollector.create(new Sort(new SortField("date", SortField.Type.INT, true)), 10, false, false, false, false)
            : TopScoreDocCollector.create(10, false);
        FacetCollector facets = new FacetCollector();
        searcher.search(query, MultiCollector.wrap(top, facets));
        facets.fold();
        int total = top.getTotalHits();
        for (ScoreDoc sd : top.topDocs().scoreDocs) searcher.doc(sd.doc, LOAD);
        return total;
    }

    static void search(String dir, String queriesPath, int clients, int warm, int rounds) throws Exception {
        final List<Spec> specs = readQueries(queriesPath);
        final DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
        final IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        final Analyzer analyzer = new FrenchAnalyzer(VERSION);
        long totalHits = 0;
        for (int w = 0; w < warm; ++w)
            for (Spec s : specs) totalHits = w == 0 ? totalHits + run(searcher, analyzer, s) : totalHits;
        final double[][] latencies = new double[clients][specs.size() * rounds];
        final Exception[] failure = new Exception[1];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; ++c) {
            final int client = c;
            Thread t = new Thread(() -> {
                try {
                    int k = 0;
                    for (int r = 0; r < rounds; ++r) {
                        for (int i = 0; i < specs.size(); ++i) {
                            // Each client walks the mix from a different starting point.
                            Spec s = specs.get((i + client * specs.size() / 2) % specs.size());
                            long t0 = System.nanoTime();
                            run(searcher, analyzer, s);
                            latencies[client][k++] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        if (failure[0] != null) throw failure[0];
        double wall = (System.nanoTime() - start) / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"wall\":%.4f,\"total_hits\":%d,\"latencies_ms\":[", wall, totalHits));
        boolean first = true;
        for (double[] client : latencies)
            for (double v : client) {
                if (!first) out.append(',');
                out.append(String.format(Locale.ROOT, "%.4f", v));
                first = false;
            }
        out.append("]}");
        System.out.println(out);
        reader.close();
    }

    // ---- relevance: qid<TAB>text topics → TREC run ----

    static void topics(String dir, String topicsPath, int depth, String runPath) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        // Title and body searched together, unboosted: each word becomes (title:w OR body:w).
        MultiFieldQueryParser parser = new MultiFieldQueryParser(VERSION, new String[] {"title", "body"},
                                                                 new FrenchAnalyzer(VERSION));
        parser.setDefaultOperator(QueryParser.Operator.OR);
        Set<String> idOnly = new HashSet<>(Arrays.asList("id"));
        int count = 0, retried = 0;
        try (BufferedReader in = new BufferedReader(
                 new InputStreamReader(new FileInputStream(topicsPath), StandardCharsets.UTF_8));
             java.io.PrintWriter out = new java.io.PrintWriter(runPath, "UTF-8")) {
            String line;
            while ((line = in.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab <= 0) continue;
                String qid = line.substring(0, tab), text = QueryParser.escape(line.substring(tab + 1));
                Query query;
                try {
                    query = parser.parse(text);
                } catch (org.apache.lucene.queryparser.classic.ParseException e) {
                    // escape() leaves the words AND, OR, NOT as operators; lower case reads them as words,
                    // and the analyzer lower-cases everything anyway.
                    query = parser.parse(text.toLowerCase(Locale.ROOT));
                    ++retried;
                }
                ScoreDoc[] hits = searcher.search(query, depth).scoreDocs;
                for (int r = 0; r < hits.length; ++r)
                    out.println(qid + " Q0 " + searcher.doc(hits[r].doc, idOnly).get("id") + " " + (r + 1) + " "
                                + hits[r].score + " lucene");
                ++count;
            }
        }
        reader.close();
        System.out.printf(Locale.ROOT, "{\"topics\":%d,\"retried\":%d}%n", count, retried);
    }
}
