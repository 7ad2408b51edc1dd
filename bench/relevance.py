#!/usr/bin/python3
# relevance.py — veille, Lucene, stock Xapian and PostgreSQL on the same topics, scored by one scorer.
"""Called by scripts/relevance, which installs the peers and builds veille first.

For each set found (piaf, news: ../shared/eval; corpus: the bundled one), every engine indexes the set's
title + body, answers every topic with its top 100 as a TREC run, and trec_score.py scores all runs
alike. veille's own per-topic figures (eval --json) are compared with the scorer's on the way.
"""
import argparse
import datetime
import json
import lzma
import os
import shlex
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import engines  # noqa: E402
import relevance_report  # noqa: E402
import trec_score  # noqa: E402
from harness import to_tsv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = engines.PYTHON
DEPTH = 100


def log(msg):
    print(f"==> {msg}", file=sys.stderr, flush=True)


def docs_set(work):
    """(corpus, topics, topics-plain, qrels) of the documentation fragments set, built in `work` from
    Debian's French documentation packages (bench/packages.txt) the first time; None without them."""
    d = os.path.join(work, "docs-set")
    files = [os.path.join(d, f) for f in ("corpus.jsonl", "topics.tsv", "topics-plain.tsv", "qrels.txt")]
    if all(os.path.isfile(f) for f in files):
        return files
    base = os.path.join(work, "docs-base")
    log("docs: building the pages from the documentation packages (make_corpus.py base)")
    with open(os.devnull, "w") as quiet:
        subprocess.run([PYTHON, os.path.join(HERE, "make_corpus.py"), "base", base], check=True, stdout=quiet)
    subprocess.run([PYTHON, os.path.join(HERE, "doc_fragments.py"), os.path.join(base, "base.jsonl"), d], check=True)
    with open(files[0], encoding="utf-8") as f:
        if not any(line.strip() for line in f):
            return None
    return files


def find_set(name, root, shared, work=None):
    """{corpus, topics, qrels, label} of a set, or None when its files are not there."""
    if name in ("docs", "docs-plain"):
        built = docs_set(work) if work else None
        if not built:
            return None
        corpus, topics, plain, qrels = built
        if name == "docs":
            return {"name": name, "label": "docs: a remembered fragment → its documentation page (typed as written)",
                    "corpus": corpus, "topics": topics, "qrels": qrels}
        return {"name": name, "label": "docs-plain: the same fragments in lower case without accents",
                "corpus": corpus, "topics": plain, "qrels": qrels}
    if name == "piaf":
        d = os.path.join(shared, "eval", "piaf")
        layouts = [(os.path.join(d, "corpus.jsonl"), os.path.join(d, "queries.tsv"), os.path.join(d, "qrels.txt"))]
        label = "PIAF: Wikipedia questions → paragraphs"
    elif name == "news":
        d = os.path.join(shared, "eval", "news")
        layouts = [(os.path.join(d, "corpus.jsonl.xz"), os.path.join(d, "topics.tsv"), os.path.join(d, "qrels.txt"))]
        label = "news: headlines → their article's summary (titles blank)"
    elif name == "corpus":
        c = os.path.join(root, "corpus")
        layouts = [(os.path.join(c, "articles", "articles.jsonl"), os.path.join(c, "eval", "queries.tsv"),
                    os.path.join(c, "eval", "qrels.txt")),
                   (os.path.join(c, "articles.jsonl"), os.path.join(c, "queries.tsv"), os.path.join(c, "qrels.txt"))]
        label = "bundled corpus: tech news, hand-judged queries"
    else:
        raise SystemExit(f"relevance.py: unknown set '{name}' (valid: piaf, news, corpus, docs, docs-plain)")
    for corpus, topics, qrels in layouts:
        if all(os.path.isfile(p) for p in (corpus, topics, qrels)):
            return {"name": name, "label": label, "corpus": corpus, "topics": topics, "qrels": qrels}
    return None


def prepare(s, work):
    """Work files of a set: the JSONL (decompressed if need be) and the COPY-format TSV Lucene and PostgreSQL read."""
    d = os.path.join(work, s["name"])
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    jsonl = s["corpus"]
    if jsonl.endswith(".xz"):
        jsonl = os.path.join(d, "corpus.jsonl")
        with lzma.open(s["corpus"], "rb") as src, open(jsonl, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    tsv = os.path.join(d, "docs.tsv")
    to_tsv(jsonl, tsv)
    docs = sum(1 for line in open(jsonl, encoding="utf-8") if line.strip())
    return dict(s, dir=d, jsonl=jsonl, tsv=tsv, docs=docs)


def timed(cmd):
    """(stdout, wall seconds of the command, start-up included)."""
    out, wall, _, _ = engines.run_measured(cmd, env=dict(os.environ, NO_COLOR="1"))
    return out, wall


class Veille:
    key, name = "veille", "veille"

    def __init__(self, build, extra):
        self.index_bin = os.path.join(build, "indexer", "veille-index")
        self.search_bin = os.path.join(build, "searcher", "veille-search")
        self.extra = extra

    def run(self, s):
        db, run = os.path.join(s["dir"], "veille.db"), os.path.join(s["dir"], "veille.run")
        _, seconds = timed([self.index_bin, "--db", db, s["jsonl"]])
        out, _ = timed([self.search_bin, "--db", db, "eval", "--topics", s["topics"], "--qrels", s["qrels"],
                        "--depth", str(DEPTH), "--run-out", run, "--json"] + self.extra)
        report = json.loads(out)
        return run, seconds, {"parameters": report.get("parameters", {}), "own_metrics": report.get("metrics", {}),
                              "own_queries": report.get("queries", {}),
                              "warnings": report.get("warnings", [])}


class Lucene:
    key, name = "lucene", "Lucene 4.10"

    def __init__(self, classpath):
        self.java = ["java", "-Xmx1g", "-cp", classpath, "FrenchBench"]

    def run(self, s):
        index, run = os.path.join(s["dir"], "lucene"), os.path.join(s["dir"], "lucene.run")
        _, seconds = timed(self.java + ["index", s["tsv"], index, "2"])
        out, _ = timed(self.java + ["topics", index, s["topics"], str(DEPTH), run])
        return run, seconds, engines.last_json(out)


class StockXapian:
    key, name = "xapian", "stock Xapian"

    def run(self, s):
        db, run = os.path.join(s["dir"], "xapian.db"), os.path.join(s["dir"], "xapian.run")
        script = os.path.join(HERE, "xapian_stock.py")
        _, seconds = timed([PYTHON, script, "index-text", s["jsonl"], db])
        out, _ = timed([PYTHON, script, "topics", db, s["topics"], str(DEPTH), run])
        return run, seconds, engines.last_json(out)


class PostgreSQL:
    key, name = "postgresql", "PostgreSQL 15"

    def __init__(self, data):
        self.data = data
        self.script = os.path.join(HERE, "pg_bench.py")

    def run(self, s):
        run = os.path.join(s["dir"], "postgresql.run")
        _, seconds = timed([PYTHON, self.script, "index-text", self.data, s["tsv"]])
        out, _ = timed([PYTHON, self.script, "topics", self.data, s["topics"], str(DEPTH), run])
        return run, seconds, engines.last_json(out)


def python_has(module):
    return subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True).returncode == 0


def available_engines(a, work, notes):
    found = [Veille(a.build, shlex.split(a.veille_args))]
    if a.lucene_cp:
        found.append(Lucene(a.lucene_cp))
    else:
        notes.append("Lucene 4.10 skipped: its jars, javac or FrenchBench.java's build are missing")
    if python_has("xapian"):
        found.append(StockXapian())
    else:
        notes.append("stock Xapian skipped: python3-xapian is not installed")
    if os.path.exists("/usr/lib/postgresql/15/bin/initdb") and python_has("psycopg2"):
        found.append(PostgreSQL(os.path.join(work, "pg")))
    else:
        notes.append("PostgreSQL 15 skipped: postgresql-15 or python3-psycopg2 is not installed")
    return found


def self_check(row, per_topic):
    """Largest gap between veille's own per-topic metrics and the scorer's (both follow trec_eval)."""
    gap, compared = 0.0, 0
    for qid, own in row["extra"].pop("own_queries", {}).items():
        if qid in per_topic:
            compared += 1
            gap = max([gap] + [abs(own[m] - per_topic[qid][m]) for m in trec_score.METRICS if m in own])
    return {"topics_compared": compared, "max_abs_diff": round(gap, 6)}


def run_set(s, engines_, results):
    qrels = trec_score.read_qrels(s["qrels"])
    rows = []
    for e in engines_:
        log(f"{s['name']}: {e.name}")
        try:
            run, seconds, extra = e.run(s)
        except (engines.RunError, OSError, ValueError) as err:
            rows.append({"engine": e.key, "name": e.name, "error": str(err)[:300]})
            log(f"{s['name']}: {e.name} failed: {str(err)[:300]}")
            continue
        means, per_topic = trec_score.score(run, qrels)
        row = {"engine": e.key, "name": e.name, "index_seconds": round(seconds, 2), "topics": len(per_topic),
               "metrics": {m: round(v, 4) for m, v in means.items()}, "extra": extra,
               "per_topic": {q: {m: round(v, 4) for m, v in t.items()} for q, t in per_topic.items()}}
        if e.key == "veille":
            row["scorer_check"] = self_check(row, per_topic)
            # veille prints 4 decimals, hence a rounding gap of up to 0.00005.
            if row["scorer_check"]["max_abs_diff"] > 0.00005 + 1e-9:
                log(f"{s['name']}: the scorer and veille's eval disagree by {row['scorer_check']['max_abs_diff']}")
        rows.append(row)
    results["sets"].append({k: s[k] for k in ("name", "label", "corpus", "topics", "qrels", "docs")} | {"rows": rows})


def commit_of(root):
    out = subprocess.run(["git", "-C", root, "log", "-1", "--format=%h %cs"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return out.stdout.strip() + (" + uncommitted changes" if dirty else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--shared", required=True, help="the folder holding eval/piaf and eval/news")
    ap.add_argument("--sets", default="piaf,news,corpus,docs,docs-plain")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--readme", help="put the tables in this README under '### Relevance against peers'")
    ap.add_argument("--veille-args", default="", help="passed to veille-search after `eval` (ranking options)")
    ap.add_argument("--lucene-cp", default="", help="class path of FrenchBench and the Lucene jars ('' = skip)")
    a = ap.parse_args()
    a.shared = os.path.abspath(a.shared)

    wanted = [n.strip() for n in a.sets.split(",") if n.strip()]
    os.makedirs(a.work, exist_ok=True)
    found = {n: find_set(n, a.root, a.shared, a.work) for n in wanted}
    results = {"date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
               "commit": commit_of(a.root), "shared": a.shared, "depth": DEPTH,
               "found": [n for n in wanted if found[n]], "missing": [n for n in wanted if not found[n]],
               "veille_args": a.veille_args, "notes": [], "sets": []}
    os.makedirs(a.work, exist_ok=True)
    engines_ = available_engines(a, a.work, results["notes"])
    for n in results["notes"]:
        log(n)
    pg = next((e for e in engines_ if e.key == "postgresql"), None)
    start = time.perf_counter()
    try:
        if pg and results["found"]:
            subprocess.run([PYTHON, pg.script, "start", pg.data], check=True)
        for n in results["found"]:
            log(f"{n}: preparing {found[n]['corpus']}")
            run_set(prepare(found[n], a.work), engines_, results)
    finally:
        if pg and results["found"]:
            subprocess.run([PYTHON, pg.script, "stop", pg.data])
    results["seconds"] = round(time.perf_counter() - start, 1)

    text = relevance_report.render(results)
    print(text)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    if a.readme:
        relevance_report.update_readme(a.readme, text)
        log(f"README section updated: {a.readme}")


if __name__ == "__main__":
    main()
