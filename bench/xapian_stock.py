#!/usr/bin/python3
# xapian_stock.py — the stock-Xapian peer: python3-xapian's TermGenerator + QueryParser + Stem("french").
"""Stock Xapian as a user of the Python bindings would set it up.

  xapian_stock.py index CORPUS.jsonl DB            → one JSON line {docs, bytes, seconds}
  xapian_stock.py search DB QUERIES.json CLIENTS WARM ROUNDS → one JSON line {wall, latencies_ms, total_hits}
  xapian_stock.py index-text CORPUS.jsonl DB      → one JSON line {docs, seconds}: title + body only
  xapian_stock.py topics DB TOPICS.tsv DEPTH RUN  → a TREC run of the top DEPTH per topic; one JSON line {topics, retried}

Indexing: title with prefix S and unprefixed (weight 1), body unprefixed, positions on, STEM_SOME,
French stemmer, no stop list (as shipped); the id term Q, the source as a boolean term XS, the date in value 0
(YYYYMMDD), the month in value 1 and the source in value 2 (facets); the text stored as JSON data.
Queries: QueryParser (default OR, phrases, French stems), filters as OP_FILTER on XS terms and a
value range on the date, BM25, top 10, exact totals and exact source and month counts over the whole
match set (ValueCountMatchSpy, checkatleast = every document), as veille does.
"""
import json
import multiprocessing
import sys
import time

import xapian

def index(corpus, path):
    start = time.perf_counter()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("french"))
    docs = nbytes = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            title, body = a.get("title", ""), a.get("body", "")
            nbytes += len(title.encode()) + len(body.encode())
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(title, 1, "S")
            tg.index_text(title)
            tg.increase_termpos()
            tg.index_text(body)
            source = a.get("source", "")
            date = a.get("date", "")
            doc.add_boolean_term("Q" + a["id"])
            if source:
                doc.add_boolean_term("XS" + source)
                doc.add_value(2, source)
            if date:
                doc.add_value(0, date.replace("-", ""))
                doc.add_value(1, date[:7])
            doc.set_data(json.dumps({"id": a["id"], "title": title, "body": body}, ensure_ascii=False))
            db.replace_document("Q" + a["id"], doc)
            docs += 1
    db.commit()
    db.close()
    print(json.dumps({"docs": docs, "bytes": nbytes, "seconds": round(time.perf_counter() - start, 3)}))


class Searcher:
    def __init__(self, path):
        self.db = xapian.Database(path)
        self.qp = xapian.QueryParser()
        self.qp.set_database(self.db)
        self.qp.set_stemmer(xapian.Stem("french"))
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_default_op(xapian.Query.OP_OR)
        self.all = self.db.get_doccount()

    def run(self, spec):
        query = self.qp.parse_query(spec["q"], xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_PHRASE)
        if spec.get("source"):
            query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query("XS" + spec["source"]))
        if spec.get("year"):
            y = spec["year"]
            rng = xapian.Query(xapian.Query.OP_VALUE_RANGE, 0, f"{y}0101", f"{y}1231")
            query = xapian.Query(xapian.Query.OP_FILTER, query, rng)
        enquire = xapian.Enquire(self.db)
        enquire.set_query(query)
        enquire.set_weighting_scheme(xapian.BM25Weight())
        if spec.get("sort") == "date":
            enquire.set_sort_by_value_then_relevance(0, True)
        spies = [xapian.ValueCountMatchSpy(2), xapian.ValueCountMatchSpy(1)]
        for spy in spies:
            enquire.add_matchspy(spy)
        mset = enquire.get_mset(0, 10, self.all)
        for spy in spies:
            list(spy.values())
        for m in mset:
            m.document.get_data()
        return mset.get_matches_estimated()


def client(args):
    path, specs, warm, rounds, offset = args
    s = Searcher(path)
    hits = 0
    for w in range(warm):
        for spec in specs:
            n = s.run(spec)
            hits += n if w == 0 else 0
    lat = []
    order = specs[offset:] + specs[:offset]
    start = time.time()
    for _ in range(rounds):
        for spec in order:
            t0 = time.perf_counter()
            s.run(spec)
            lat.append((time.perf_counter() - t0) * 1000)
    return hits, lat, start, time.time()


def search(path, queries, clients, warm, rounds):
    with open(queries, encoding="utf-8") as f:
        specs = json.load(f)
    jobs = [(path, specs, warm, rounds, c * len(specs) // 2 % len(specs)) for c in range(clients)]
    if clients == 1:
        results = [client(jobs[0])]
    else:
        with multiprocessing.Pool(clients) as pool:
            results = pool.map(client, jobs)
    # Wall time of the timed part only (each client warms up first, on its own).
    wall = max(r[3] for r in results) - min(r[2] for r in results)
    lat = [x for r in results for x in r[1]]
    print(json.dumps({"wall": round(wall, 4), "total_hits": results[0][0],
                      "latencies_ms": [round(x, 4) for x in lat]}))


def index_text(corpus, path):
    """The relevance peer: title and body as one unprefixed text, nothing else that could weigh in."""
    start = time.perf_counter()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("french"))
    docs = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(a.get("title", ""))
            tg.increase_termpos()
            tg.index_text(a.get("body", ""))
            doc.add_boolean_term("Q" + a["id"])
            doc.set_data(a["id"])
            db.replace_document("Q" + a["id"], doc)
            docs += 1
    db.commit()
    db.close()
    print(json.dumps({"docs": docs, "seconds": round(time.perf_counter() - start, 3)}))


def topics(path, topics_tsv, depth, run_out):
    s = Searcher(path)
    enquire = xapian.Enquire(s.db)
    enquire.set_weighting_scheme(xapian.BM25Weight())
    count = retried = 0
    with open(topics_tsv, encoding="utf-8") as f, open(run_out, "w", encoding="utf-8") as out:
        for line in f:
            qid, _, text = line.rstrip("\n").partition("\t")
            if not qid:
                continue
            try:
                query = s.qp.parse_query(text)
            except xapian.QueryParserError:
                # What a careful caller does: the same words with no syntax at all.
                query = s.qp.parse_query(text, 0)
                retried += 1
            enquire.set_query(query)
            for m in enquire.get_mset(0, depth):
                out.write(f"{qid} Q0 {m.document.get_data().decode()} {m.rank + 1} {m.weight!r} xapian\n")
            count += 1
    print(json.dumps({"topics": count, "retried": retried}))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 7 and sys.argv[1] == "search":
        search(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif len(sys.argv) == 4 and sys.argv[1] == "index-text":
        index_text(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "topics":
        topics(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
