# report.py — the benchmark's figures as the Markdown a user reads (printed, and put in README.md).
import re

import relevance_report
import serve_load

NAMES = {"veille": "veille", "lucene": "Lucene 4.10 (FrenchAnalyzer, BM25)",
         "postgresql": "PostgreSQL 15 (`french`, GIN)", "xapian-python": "stock Xapian (python3-xapian)",
         "xapian-floor": "Xapian floor (C++, no analysis)"}


def fmt(x, digits=1):
    if x is None:
        return "–"
    if isinstance(x, float) and x != x:
        return "–"
    if isinstance(x, (int, float)) and abs(x) >= 1000:
        return f"{x:,.0f}".replace(",", " ")
    return f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def ratio(a, b):
    if not a or not b:
        return "–"
    return f"{a / b:.2f}×"


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def reference(rows, corpus):
    """veille (JSONL) with the most threads: the row every peer is compared with."""
    mine = [r for r in rows if r["engine"] == "veille" and r["corpus"] == corpus and r["label"] == "veille (JSONL)"]
    return max(mine, key=lambda r: r["threads"]) if mine else None


def index_table(rows, corpus):
    ref = reference(rows, corpus)
    body = []
    for r in (r for r in rows if r["corpus"] == corpus):
        body.append([r["label"] if r["engine"] == "veille" else NAMES.get(r["engine"], r["label"]), r["threads"],
                     fmt(r["wall_s"], 2), fmt(r["cpu_s"], 2), fmt(r["docs_per_s"], 0), fmt(r["mb_per_s"], 2),
                     fmt(r["peak_rss_mb"], 0), fmt(r["size_mb"], 1),
                     ratio(r["wall_s"], ref and ref["wall_s"]), ratio(r["cpu_s"], ref and ref["cpu_s"]),
                     ratio(r["peak_rss_mb"], ref and ref["peak_rss_mb"]), ratio(r["size_mb"], ref and ref["size_mb"])])
    return table(["engine", "threads", "wall s", "CPU s", "articles/s", "MB/s", "peak RSS MB", "on disk MB",
                  "time ÷ veille", "CPU ÷ veille", "RSS ÷ veille", "size ÷ veille"], body)


def query_table(rows, corpus):
    body = []
    for r in (r for r in rows if r["corpus"] == corpus):
        body.append([NAMES.get(r["engine"], r["engine"]), r["clients"], fmt(r["p50_ms"], 2), fmt(r["p95_ms"], 2),
                     fmt(r["p99_ms"], 2), fmt(r["qps"], 0), fmt(r["total_hits"])])
    return table(["engine", "clients", "p50 ms", "p95 ms", "p99 ms", "queries/s", "matches (one pass)"], body)


def parts_table(rows, corpus, compact=None):
    body = []
    for r in (r for r in rows if r["corpus"] == corpus and r["parts_mb"]):
        if r["engine"] == "veille" and r["label"] != "veille (JSONL)":
            continue
        parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(r["parts_mb"].items(), key=lambda kv: -kv[1]))
        body.append([NAMES.get(r["engine"], r["label"]), f"{r['threads']}", fmt(r["size_mb"], 1), parts])
    seen, unique = set(), []
    for row in body:
        if row[0] not in seen:
            seen.add(row[0])
            unique.append([row[0], row[2], row[3]])
            if row[0] == "veille" and compact:
                parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(compact["parts_mb"].items(), key=lambda kv: -kv[1]))
                unique.append(["veille after `xapian-compact`", fmt(compact["size_mb"], 1), parts])
    return table(["engine", "on disk MB", "parts (MB)"], unique)


def growth_table(growth):
    body = []
    for g in growth:
        i, q1, q2 = g["index"], g.get("queries_1") or {}, g.get("queries_2") or {}
        body.append([fmt(g["docs"]), fmt(i["text_mb"], 0), fmt(i["wall_s"], 1), fmt(i["cpu_s"], 1),
                     fmt(i["docs_per_s"], 0), fmt(i["mb_per_s"], 2), fmt(i["peak_rss_mb"], 0),
                     fmt(i["size_mb"], 0),
                     fmt(q1.get("p50_ms"), 2), fmt(q1.get("p95_ms"), 2), fmt(q1.get("p99_ms"), 2),
                     fmt(q1.get("qps"), 0), fmt(q2.get("p50_ms"), 2), fmt(q2.get("p99_ms"), 2), fmt(q2.get("qps"), 0)])
    return table(["articles", "text MB", "index s", "CPU s", "articles/s", "MB/s", "peak RSS MB",
                  "DB MB", "p50 ms", "p95 ms",
                  "p99 ms", "q/s", "2 clients p50", "2 clients p99", "2 clients q/s"], body)


def analysis_table(res):
    rows = res["analysis"]
    by = {(r["mode"], r["threads"]): r for r in rows}
    ref = reference(res["index"], "base")
    floor = next((r for r in res["index"] if r["engine"] == "xapian-floor" and r["corpus"] == "base"), None)
    v1 = next((r for r in res["index"] if r["engine"] == "veille" and r["corpus"] == "base" and r["threads"] == 1
               and r["label"] == "veille (JSONL)"), None)
    body = [["analysis alone (`Analyzer::analyze`, title + body)", fmt(by.get(("analyze", 1), {}).get("mb_per_s"), 2),
             fmt(by.get(("analyze", 2), {}).get("mb_per_s"), 2)],
            ["analysis + extraction + document (`build_document`), nothing written",
             fmt(by.get(("build", 1), {}).get("mb_per_s"), 2), fmt(by.get(("build", 2), {}).get("mb_per_s"), 2)],
            ["Xapian write floor: same words with positions, no analysis", fmt(floor and floor["mb_per_s"], 2), "–"],
            ["veille-index, everything", fmt(v1 and v1["mb_per_s"], 2), fmt(ref and ref["mb_per_s"], 2)]]
    return table(["stage", "MB/s, 1 thread", "MB/s, 2 threads"], body)


def targets(res):
    idx = [r for r in res["index"] if r["corpus"] == "base"]
    ref = reference(res["index"], "base")
    get = lambda e: next((r for r in idx if r["engine"] == e and (e != "lucene" or r["threads"] == 1)), None)  # noqa
    py, pg, floor, lucene = get("xapian-python"), get("postgresql"), get("xapian-floor"), get("lucene")
    rows = []
    if ref and py:
        x = py["wall_s"] / ref["wall_s"]
        rows.append(["indexing ≥ 2× stock Xapian (python3-xapian)", f"{x:.2f}×", "yes" if x >= 2 else "**no**"])
    if ref and pg:
        rows.append(["indexing faster than PostgreSQL (COPY + GIN)", f"{ref['wall_s']:.2f} s vs {pg['wall_s']:.2f} s",
                     "yes" if ref["wall_s"] < pg["wall_s"] else "**no**"])
    if ref and floor:
        rows.append(["indexing at or under the single-writer floor",
                     f"{ref['wall_s']:.2f} s vs {floor['wall_s']:.2f} s",
                     "yes" if ref["wall_s"] <= floor["wall_s"] else "**no**"])
    if ref and lucene:
        rows.append(["Lucene's figure (to chase)", f"{ref['wall_s']:.2f} s vs {lucene['wall_s']:.2f} s",
                     "yes" if ref["wall_s"] <= lucene["wall_s"] else "not yet"])
    growth = res["growth"]
    if growth:
        rss = [g["index"]["peak_rss_mb"] for g in growth]
        rows.append(["peak RSS bounded as the corpus grows",
                     " → ".join(f"{fmt(g['docs'])}: {g['index']['peak_rss_mb']:.0f} MB" for g in growth),
                     "yes" if max(rss) <= 1.5 * min(rss) + 50 else "**no**"])
        big = growth[-1]
        q = big.get("queries_1")
        if q:
            rows.append([f"queries at {fmt(big['docs'])} articles, facets on: p50 ≤ 3 ms", f"{q['p50_ms']:.2f} ms",
                         "yes" if q["p50_ms"] <= 3 else "**no**"])
            rows.append([f"queries at {fmt(big['docs'])} articles, facets on: p99 ≤ 30 ms", f"{q['p99_ms']:.2f} ms",
                         "yes" if q["p99_ms"] <= 30 else "**no**"])
    sv = res.get("serve")
    busiest = max(sv["rows"], key=lambda r: r["clients"]) if sv and sv["rows"] else None
    if busiest:
        ok = busiest["p99_ms"] <= 50 and busiest["errors"] == 0
        rows.append([f"serve, {busiest['clients']} clients at {fmt(sv['docs'])} articles: p99 ≤ 50 ms, no errors",
                     f"{busiest['p99_ms']:.1f} ms, {busiest['errors']} errors", "yes" if ok else "**no**"])
    return table(["target", "measured", "met"], rows) if rows else ""


def markdown(res):
    m, c, s = res["machine"], res.get("corpus", {}), res["settings"]
    out = ["`scripts/bench [--scale N] [--corpus FILE.jsonl] [--quick] [--json FILE] [--readme]` installs what it "
           "needs (apt: the documentation packages, PostgreSQL 15, Lucene 4.10, python3-xapian), builds veille in "
           "Release, runs veille and its peers on the same corpus and prints these tables; `--readme` puts them "
           "here. Speed is a benchmark, never a timed test: nothing fails on these figures.",
           "",
           f"Measured by `scripts/bench` on {m['date']}: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
           f"{m['os']}. Load average before / after: {', '.join(map(str, res['load_before']))} / "
           f"{', '.join(map(str, res.get('load_after', [])))} (other work on the machine inflates wall times; "
           f"CPU times are less affected). Whole run: {res.get('seconds', 0):.0f} s after the build.",
           "",
           f"**Corpus**: {fmt(c.get('docs'))} articles, {c.get('text_mb')} MB of text (title + body): "
           f"{c.get('source')}. Every engine reads the same JSONL (Lucene and PostgreSQL a TSV made from it); "
           "the HTML pages' text is extracted with veille's own rules (scripts, navigation, headers and footers "
           "left out), man pages are rendered by `man -l` without hyphenation. The row « veille (HTML + text "
           "files) » indexes the installed HTML pages and the rendered man pages through veille's own readers "
           "(gumbo, text) instead; its MB/s counts the JSONL's text. Each article carries a date (metadata) so that date sorting, filters and "
           "facets have work to do.",
           "",
           "### Indexing",
           "",
           index_table(res["index"], "base"),
           "",
           ("" if s.get("repeat", 1) <= 1 else f"Each engine indexed the corpus {s['repeat']} times; the fastest "
            "run is shown. ") +
           "Wall and CPU time, peak RSS (wait4) of the whole process; on disk = the database directory after the "
           "final commit. Ratios divide the engine's figure by veille's (2 threads): above 1 the peer is slower, "
           "bigger or hungrier. PostgreSQL: COPY with the generated `tsvector` column, then `CREATE INDEX … USING "
           f"gin`; its CPU is the server's plus the client's and its RSS the backend's VmHWM; settings "
           f"{', '.join(f'{k}={v}' for k, v in s.get('pg', {}).items() if k in ('shared_buffers', 'maintenance_work_mem'))}"
           ". Lucene: JVM `-Xmx1g`, default 16 MB RAM buffer, the body stored (as veille and the others store it) "
           "for snippets.",
           ""]
    if res["analysis"]:
        out += ["### How far indexing is from the analyzer's limit", "", analysis_table(res), ""]
    out += ["### What the index holds", "", parts_table(res["index"], "base", res.get("compact")), "",
            "Xapian tables: postlist = postings, document lengths and value slots (dates, facets, ids; veille's "
            "article records and LZ4 bodies); position = word positions (phrases, NEAR, snippets' order); termlist = each "
            "document's terms (replacement, did-you-mean); docdata = the stored article (veille: empty "
            "since schema 3, its fields are in value slots; stock Xapian and the floor: the body, zlib). Lucene: postings, positions, terms dictionary, norms, "
            "doc values, stored fields (LZ4). PostgreSQL: heap + TOAST (text, `tsvector` with positions) + GIN.",
            "",
            "### Queries",
            "",
            f"The fixed mix (`bench/queries.json`, {s.get('queries')} queries): single words, several words, "
            "phrases, filters (source, year), sort by date; top 10 with exact totals and exact facet counts over "
            f"the whole match set for every engine. {s.get('warm')} untimed passes, then {s.get('rounds')} timed "
            "passes per client; with 2 clients both run at once. veille: `veille-search --json` reading queries "
            "on stdin, latency = its `took_ms` (parse, match, facets company/topic/month, snippets); Lucene and "
            "stock Xapian: in-process time (top 10 fetched, source and month counts); PostgreSQL: client round "
            "trip of one statement returning count, top 10 by `ts_rank_cd` and the two facet counts. "
            "PostgreSQL's `websearch_to_tsquery` ANDs the words, the others OR them (ranking those with every word "
            "first), hence fewer matches.",
            "",
            query_table(res["queries"], "base"),
            ""]
    if res["growth"]:
        out += ["### As the corpus grows (veille)", "",
                f"The corpus replicated {s.get('scale')} times with distinct ids, paragraphs shuffled, one dropped "
                f"and a dated revision line added; the first {', '.join(fmt(g['docs']) for g in res['growth'])} "
                f"articles each indexed into an empty database with {s.get('threads') or 'all'} threads (the "
                "bulk load: one shard per thread, merged by compaction at the end), then the query mix on it. "
                "Memory bounds: the JSONL is read 1 MiB at a time; each shard holds at most 4 chunks of 64 "
                "articles / 1 MiB of text waiting, and commits every 100 articles or 64 MiB ÷ shards of text, "
                "whichever comes first (the writer of an existing database: every 2,000 articles, "
                "`--batch-size`, or 64 MiB of text).",
                "", growth_table(res["growth"]), ""]
        inc = res.get("incremental")
        if inc:
            out += [f"Adding {fmt(inc['docs'])} new articles ({inc['text_mb']:.0f} MB) to the "
                    f"{fmt(inc['base_docs'])}-article database, one writer committing every 2,000: "
                    f"{inc['wall_s']:.1f} s ({fmt(inc['docs_per_s'], 0)} articles/s, {inc['mb_per_s']:.2f} MB/s), "
                    f"CPU {inc['cpu_s']:.1f} s, peak RSS {inc['peak_rss_mb']:.0f} MB.", ""]
        scale_labels = sorted({r["corpus"] for r in res["index"] if r["corpus"].startswith("scale-")
                               and r["engine"] != "veille"})
        for label in scale_labels:
            out += [f"### Peers at {fmt(int(label.split('-')[1]))} articles", "", index_table(res["index"], label), "",
                    query_table(res["queries"], label), ""]
    sv = res.get("serve")
    if sv:
        out += ["### The HTTP server under load", "",
                f"`veille-search serve --threads {sv['threads']}` on the {fmt(sv['docs'])}-article database: each "
                f"client on its own keep-alive connection sends the query mix as `/api/search` requests (filters "
                f"and sort as URL parameters, facets and snippets included) for {sv['seconds']:g} s, one client "
                "count after the other; latency is the client's round trip. Server RSS "
                f"{sv['rss_before_mb']:.0f} MB after its first answer, {sv['rss_after_mb']:.0f} MB after the last "
                "run.", "", serve_load.table(sv["rows"]), ""]
    t = targets(res)
    if t:
        out += ["### Targets", "", t, ""]
    if res["notes"]:
        out += ["Notes: " + "; ".join(res["notes"]), ""]
    return "\n".join(out)


def update_readme(path, text):
    with open(path, encoding="utf-8") as f:
        readme = f.read()
    m = re.search(r"^## Benchmarks[^\n]*\n", readme, flags=re.M)
    if not m:
        readme = readme.rstrip("\n") + "\n\n## Benchmarks\n\n" + text.rstrip("\n") + "\n"
    else:
        nxt = re.search(r"^## ", readme[m.end():], flags=re.M)
        end = m.end() + nxt.start() if nxt else len(readme)
        tail = readme[end:]
        # scripts/relevance's subsection lives here too: it stays, first after the intro.
        _, kept = relevance_report.split_out(readme[m.end():end])
        body = relevance_report.place("\n" + text.rstrip("\n") + "\n", kept)
        readme = readme[:m.end()] + body + ("\n" + tail if tail else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(readme)
