# relevance_report.py — scripts/relevance's figures as Markdown, and their place in README.md.
import re

HEADING = "### Relevance against peers"
CONFIG = (
    "**How each engine is run.** Every engine indexes the set's title and body and answers each topic with "
    "its top 100 as a TREC run; one scorer (`bench/trec_score.py`, `trec_eval -c` rules: equal scores ordered "
    "by docid descending, a topic without results scores 0) scores every run, veille's included. MRR is "
    "trec_eval's `recip_rank` over the top 100, nDCG@10 its `ndcg_cut_10` (grades as gains, log2 discount), "
    "recall@100 its `recall_100`; index s is the wall time of the indexing command, start-up included. "
    "**veille**: `veille-index --db DB FILE`, then `veille-search --db DB eval --topics T --qrels Q --depth 100 "
    "--run-out RUN --json`{veille_args}, with the parameters it reports ({parameters}). "
    "**Lucene 4.10** (`bench/lucene/FrenchBench.java`): `FrenchAnalyzer` with its default stop set, "
    "`BM25Similarity` (k1 1.2, b 0.75), title and body as two `TextField`s searched together by a "
    "`MultiFieldQueryParser` without boosts (each word is title:w OR body:w), default operator OR, the topic "
    "passed through `QueryParser.escape` (lower-cased and parsed again should AND/OR/NOT still make it fail). "
    "**stock Xapian** (`bench/xapian_stock.py`, python3-xapian): `TermGenerator` with `Stem(\"french\")` over "
    "title then body, unprefixed, no stop list; `QueryParser` with the same stemmer, `STEM_SOME`, default OR, "
    "default flags (parsed again with flags 0 on `QueryParserError`), BM25 with Xapian's defaults. "
    "**PostgreSQL 15** (`bench/pg_bench.py`, a private cluster): a stored `to_tsvector('french', title || ' ' "
    "|| body)` column with a GIN index; the query is `plainto_tsquery('french', topic)` with each operator "
    "turned into `|` (OR: an AND of every word of a natural question loses its answer), ranked by "
    "`ts_rank(tsv, query)` with normalisation 0 (the default: document length ignored), equal ranks by id. "
    "Reproduce with `scripts/relevance --readme` (`--sets piaf,news,corpus,docs,docs-plain`, `--json FILE`, `--veille-args "
    "\"…\"`); the shared sets are read from `../shared/eval` beside the repository, or `$VEILLE_SHARED/eval`.")


def thousands(n):
    return f"{n:,}".replace(",", " ")


def fmt_seconds(x):
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def set_table(s):
    out = ["| engine | MRR | nDCG@10 | recall@100 | topics | index s |", "| --- | --- | --- | --- | --- | --- |"]
    for r in s["rows"]:
        if "error" in r:
            out.append(f"| {r['name']} | – | – | – | – | failed: {r['error'][:80]} |")
            continue
        m = r["metrics"]
        out.append(f"| {r['name']} | {m['recip_rank']:.4f} | {m['ndcg_cut_10']:.4f} | {m['recall_100']:.4f} | "
                   f"{thousands(r['topics'])} | {fmt_seconds(r['index_seconds'])} |")
    return "\n".join(out)


def render(res):
    found = ", ".join(res["found"]) or "none"
    missing = ", ".join(res["missing"]) or "none"
    shared_missing = [n for n in res["missing"] if n != "corpus"]
    where = f" (looked for in {res['shared']}/eval)" if shared_missing else ""
    out = [HEADING, "",
           f"Measured by `scripts/relevance` on {res['date']}, veille {res['commit']}. Sets found: {found}; "
           f"missing: {missing}{where}. Whole run: {res['seconds']:.0f} s after the build."]
    out += ["", *[f"- {n}" for n in res["notes"]]] if res["notes"] else []
    params, agree, differ = {}, [], []
    for s in res["sets"]:
        out += ["", f"**{s['label']}** ({thousands(s['docs'])} documents)", "", set_table(s)]
        for r in s["rows"]:
            if r["engine"] == "veille" and "error" not in r:
                params = params or r["extra"].get("parameters", {})
                c = r["scorer_check"]
                if c["max_abs_diff"] <= 0.00005 + 1e-9:
                    agree.append(f"{s['name']} ({thousands(c['topics_compared'])} topics)")
                else:
                    differ.append(f"{s['name']} by up to {c['max_abs_diff']:.4f}")
    if agree:
        out += ["", "veille's own `eval` figures and the scorer's agree to 4 decimals on every topic of "
                + ", ".join(agree) + "."]
    retried = [f"{r['name']} {r['extra']['retried']} on {s['name']}" for s in res["sets"] for r in s["rows"]
               if r.get("extra", {}).get("retried")]
    if retried:
        out += ["", "Topics parsed a second time after a syntax error: " + ", ".join(retried) + "."]
    if differ:
        out += ["", "veille's own `eval` figures and the scorer's differ: " + "; ".join(differ) + "."]
    extra = f" `{res['veille_args']}`" if res.get("veille_args") else ""
    shown = ", ".join(f"{k} {v}" for k, v in params.items()) or "none reported"
    out += ["", CONFIG.format(veille_args=extra and f" with{extra} after `eval`", parameters=shown)]
    return "\n".join(out) + "\n"


def _section_bounds(readme, heading_re):
    m = re.search(heading_re, readme, flags=re.M)
    if not m:
        return None
    nxt = re.search(r"^## ", readme[m.end():], flags=re.M)
    return m, (m.end() + nxt.start() if nxt else len(readme))


def split_out(section):
    """(the section without the relevance subsection, that subsection or '')."""
    m = re.search(r"^" + re.escape(HEADING) + r"[^\n]*\n", section, flags=re.M)
    if not m:
        return section, ""
    nxt = re.search(r"^#{2,3} ", section[m.end():], flags=re.M)
    end = m.end() + nxt.start() if nxt else len(section)
    return section[:m.start()] + section[end:], section[m.start():end].rstrip("\n") + "\n"


def place(section, sub):
    """The Benchmarks section's body with `sub` as its first subsection, right after the intro."""
    if not sub:
        return section
    m = re.search(r"^### ", section, flags=re.M)
    if not m:
        return section.rstrip("\n") + "\n\n" + sub.rstrip("\n") + "\n"
    return section[:m.start()].rstrip("\n") + "\n\n" + sub.rstrip("\n") + "\n\n" + section[m.start():]


def update_readme(path, text):
    """Replaces (or creates) the relevance subsection inside « ## Benchmarks », leaving the rest as it was."""
    try:
        with open(path, encoding="utf-8") as f:
            readme = f.read()
    except FileNotFoundError:
        readme = ""
    bounds = _section_bounds(readme, r"^## Benchmarks[^\n]*\n")
    if not bounds:
        readme = readme.rstrip("\n") + ("\n\n" if readme else "") + "## Benchmarks\n\n" + text.rstrip("\n") + "\n"
    else:
        m, end = bounds
        body, _ = split_out(readme[m.end():end])
        body = place(body, text).rstrip("\n") + "\n"
        readme = readme[:m.end()] + body + ("\n" + readme[end:] if readme[end:] else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(readme)
