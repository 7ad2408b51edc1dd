#!/usr/bin/python3
# harness.py — runs the whole benchmark (called by scripts/bench, which installs and builds first).
"""Same corpus, same machine, same run: veille against the analyzer's limit, the Xapian write floor,
Lucene 4.10, PostgreSQL 15 and stock Xapian; indexing, then the query mix; then veille as the corpus
grows to the --scale size. Prints a Markdown table; --json FILE writes every figure."""
import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import engines  # noqa: E402
import report  # noqa: E402
import serve_load  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGES = ["libreoffice-help-fr", "gimp-help-fr", "manpages-fr", "manpages-fr-dev"]
GROWTH = [10_000, 30_000]
INCREMENTAL = 5_000
TARGET_ARTICLES = 100_000


def log(msg):
    print(f"==> {msg}", file=sys.stderr, flush=True)


def note(results, msg):
    log(msg)
    results["notes"].append(msg)


def machine():
    info = {"cpu": "?", "cores": os.cpu_count(), "ram_gb": 0, "os": platform.platform(),
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")}
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
        with open("/proc/meminfo") as f:
            info["ram_gb"] = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
        with open("/etc/debian_version") as f:
            info["os"] = f"Debian {f.read().strip()}, Linux {platform.release()}"
    except OSError:
        pass
    return info


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


def package_versions():
    out = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Version}\n"] + PACKAGES, capture_output=True,
                         text=True).stdout
    return out.strip()


def prepare_base(work, root):
    """The Debian documentation corpus (cached in WORK/corpus until the packages or the builder change)."""
    outdir = os.path.join(work, "corpus")
    builder = os.path.join(HERE, "make_corpus.py")
    extra = os.path.join(root, "corpus", "articles", "articles.jsonl")
    with open(builder, "rb") as f:
        stamp = hashlib.sha256(f.read() + package_versions().encode()).hexdigest()
    stamp_file = os.path.join(outdir, "stamp")
    base = os.path.join(outdir, "base.jsonl")
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp and os.path.exists(base):
        return base, os.path.join(outdir, "files")
    log("building the corpus from Debian's French documentation (once; cached in " + outdir + ")")
    shutil.rmtree(outdir, ignore_errors=True)
    cmd = [engines.PYTHON, builder, "base", outdir] + (["--extra", extra] if os.path.exists(extra) else [])
    counts = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    log("corpus: " + counts.strip())
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return base, os.path.join(outdir, "files")


def jsonl_stats(path):
    docs = nbytes = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                docs += 1
                nbytes += len(a.get("title", "").encode()) + len(a.get("body", "").encode())
    return docs, nbytes


def head(src, dst, n):
    """The first n documents of src into dst, ids unchanged; returns (docs, text bytes)."""
    return cut(src, dst, 0, n)


def cut(src, dst, start, end, id_suffix=""):
    """Documents start..end-1 of src into dst (ids suffixed with id_suffix); returns (docs, text bytes)."""
    docs = nbytes = i = 0
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            if i >= end:
                break
            if i >= start:
                a = json.loads(line)
                nbytes += len(a.get("title", "").encode()) + len(a.get("body", "").encode())
                if id_suffix:
                    a["id"] = str(a.get("id", i)) + id_suffix
                    line = json.dumps(a, ensure_ascii=False) + "\n"
                out.write(line)
                docs += 1
            i += 1
    return docs, nbytes


def escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(jsonl, tsv):
    """PostgreSQL COPY text format, read by pg_bench.py and FrenchBench.java alike."""
    with open(jsonl, encoding="utf-8") as f, open(tsv, "w", encoding="utf-8") as out:
        for line in f:
            if line.strip():
                a = json.loads(line)
                date = a.get("date") or ""
                date = date[:10] if len(date) >= 10 and date[4] == "-" else "\\N"
                out.write("\t".join([escape(a["id"]), escape(a.get("title", "")), escape(a.get("body", "")),
                                     escape(a.get("source") or "") or "\\N", date]) + "\n")


def queries_tsv(specs, path):
    with open(path, "w", encoding="utf-8") as out:
        for s in specs:
            out.write("\t".join([s["q"], s.get("source", ""), str(s.get("year", "")), s.get("sort", "")]) + "\n")


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        self.db_dir = os.path.join(self.work, "db")
        os.makedirs(self.db_dir, exist_ok=True)
        self.results = {"machine": machine(), "load_before": load_average(), "notes": [], "index": [],
                        "analysis": [], "queries": [], "growth": [], "incremental": None, "serve": None, "settings": {}}
        self.veille = engines.Veille(args.build)
        tools = os.path.join(args.build, "bench")
        self.floor = engines.Floor(os.path.join(tools, "xapian_floor"))
        self.analysis = engines.AnalysisOnly(os.path.join(tools, "analysis_only"))
        self.lucene = engines.Lucene(os.path.join(tools, "lucene"), args.lucene_jars.split(":")
                                     if args.lucene_jars else [])
        self.pg = engines.Postgres(os.path.join(self.work, "pg"))
        self.xapian = engines.XapianStock()
        self.specs_path = os.path.join(HERE, "queries.json")
        with open(self.specs_path, encoding="utf-8") as f:
            self.specs = json.load(f)
        self.qtsv = os.path.join(self.work, "queries.tsv")
        queries_tsv(self.specs, self.qtsv)
        self.available = {"lucene": bool(args.lucene_jars) and os.path.exists(os.path.join(tools, "lucene")),
                          "postgresql": os.path.exists("/usr/lib/postgresql/15/bin/postgres"),
                          "xapian-python": subprocess.run([engines.PYTHON, "-c", "import xapian"],
                                                          capture_output=True).returncode == 0,
                          "xapian-floor": os.path.exists(self.floor.binary),
                          "analysis": os.path.exists(self.analysis.binary)}
        if args.no_peers:
            for k in ("lucene", "postgresql", "xapian-python"):
                self.available[k] = False
        for k, ok in self.available.items():
            if not ok:
                note(self.results, f"{k}: not available here, skipped")

    def attempt(self, what, fn, best_of=1):
        """Runs one measurement (best_of times, keeping the fastest); a failure is reported, never fatal."""
        log(what)
        try:
            runs = [fn() for _ in range(best_of)]
            return min(runs, key=lambda r: r.get("wall_s", r.get("seconds", 0)) if isinstance(r, dict) else 0)
        except (engines.RunError, subprocess.CalledProcessError, OSError, KeyError, ValueError) as e:
            first = (str(e).strip().splitlines() or [""])[0]
            note(self.results, f"{what}: failed, skipped ({first[:240]})")
            return None

    def add_index(self, row, size_docs, nbytes, scale):
        if row is None:
            return None
        row["scale_docs"] = size_docs
        row["text_mb"] = round(nbytes / 1e6, 2)
        row["docs_per_s"] = round(row["docs"] / row["wall_s"], 1) if row["wall_s"] else 0
        row["mb_per_s"] = round(nbytes / 1e6 / row["wall_s"], 2) if row["wall_s"] else 0
        row["corpus"] = scale
        self.results["index"].append(row)
        return row

    def add_queries(self, engine, docs, clients, r, corpus):
        if r is None:
            return None
        row = engines.summarize_queries(engine, docs, clients, r)
        row["corpus"] = corpus
        self.results["queries"].append(row)
        return row

    def query_engine(self, engine, docs, corpus, run):
        for clients in (1, 2):
            r = self.attempt(f"{engine}: query mix, {docs} articles, {clients} client(s)", lambda: run(clients))
            self.add_queries(engine, docs, clients, r, corpus)

    def serve_under_load(self, vdb, docs):
        """The HTTP server on this database: 1, 8 and 32 clients sending the query mix through /api/search."""
        a = self.args
        if a.serve_seconds <= 0:
            return
        targets = [serve_load.api_target(s) for s in self.specs]
        log(f"veille-search serve: {a.serve_seconds:g} s each at {a.serve_clients} clients, {docs} articles")
        try:
            r = serve_load.serve_and_load(self.veille.search_bin, vdb, targets,
                                          [int(c) for c in a.serve_clients.split(",")], a.serve_seconds)
        except (RuntimeError, OSError) as e:
            note(self.results, f"veille-search serve under load: failed, skipped ({e})")
            return
        self.results["serve"] = dict(r, docs=docs)

    def run_base(self, base, files_dir):
        a = self.args
        docs, nbytes = jsonl_stats(base)
        self.results["corpus"] = {"docs": docs, "text_mb": round(nbytes / 1e6, 2), "source": a.corpus or
                                  "Debian French documentation (" + ", ".join(PACKAGES) + ") + corpus/articles/articles.jsonl",
                                  "packages": package_versions().splitlines() if not a.corpus else []}
        log(f"base corpus: {docs} articles, {nbytes / 1e6:.1f} MB of text")
        tsv = os.path.join(self.work, "base.tsv")
        to_tsv(base, tsv)
        vdb = os.path.join(self.db_dir, "veille")
        w, r, rep = a.warm, a.rounds, a.repeat
        for threads in (1, 2):
            self.add_index(self.attempt(f"veille: index JSONL, {threads} thread(s)",
                                        lambda: self.veille.index([base], vdb, threads, "veille (JSONL)"), rep),
                           docs, nbytes, "base")
        self.query_engine("veille", docs, "base", lambda c: self.veille.queries(vdb, self.specs, c, w, r))
        if a.quick or a.scale == 1:  # no growth runs: the base database is the largest
            self.serve_under_load(vdb, docs)
        if shutil.which("xapian-compact") and os.path.isdir(vdb):
            # How much of the database is B-tree slack: the same database rewritten by xapian-compact.
            cdb = vdb + "-compact"
            shutil.rmtree(cdb, ignore_errors=True)
            if subprocess.run(["xapian-compact", vdb, cdb], capture_output=True).returncode == 0:
                size, parts = engines.files_size(cdb, engines.xapian_part)
                self.results["compact"] = {"size_mb": round(size / 1e6, 2),
                                           "parts_mb": {k: round(v / 1e6, 2) for k, v in sorted(parts.items())}}
            shutil.rmtree(cdb, ignore_errors=True)
        if files_dir and os.path.isdir(files_dir) and not a.quick:
            fdb = os.path.join(self.db_dir, "veille-files")
            self.add_index(self.attempt("veille: index the HTML pages and man pages through its readers",
                                        lambda: self.veille.index([files_dir], fdb, 2, "veille (HTML + text files)"), rep),
                           docs, nbytes, "base")
            shutil.rmtree(fdb, ignore_errors=True)
        if self.available["analysis"]:
            for mode in ("analyze", "build"):
                for threads in (1, 2):
                    row = self.attempt(f"veille {mode} only, {threads} thread(s)",
                                       lambda: self.analysis.run(base, mode, threads), rep)
                    if row:
                        self.results["analysis"].append(row)
        if self.available["xapian-floor"]:
            fl = os.path.join(self.db_dir, "floor")
            self.add_index(self.attempt("Xapian floor: index", lambda: self.floor.index(base, fl), rep), docs, nbytes, "base")
            shutil.rmtree(fl, ignore_errors=True)
        self.run_peers(base, tsv, docs, nbytes, "base", lucene_threads=(1, 2))
        shutil.rmtree(vdb, ignore_errors=True)
        os.remove(tsv)

    def run_peers(self, corpus, tsv, docs, nbytes, label, lucene_threads=(1,), python=True):
        w, r = self.args.warm, self.args.rounds
        rep = self.args.repeat if label == "base" else 1
        if self.available["lucene"]:
            lp = os.path.join(self.db_dir, "lucene")
            row = None
            for threads in lucene_threads:
                row = self.add_index(self.attempt(f"Lucene: index, {threads} thread(s)",
                                                  lambda: self.lucene.index(tsv, lp, threads), rep), docs, nbytes, label)
            if row:
                self.query_engine("lucene", docs, label, lambda c: self.lucene.queries(lp, self.qtsv, c, w, r))
            shutil.rmtree(lp, ignore_errors=True)
        if self.available["postgresql"]:
            try:
                log("PostgreSQL: starting a private cluster")
                self.pg.start()
            except (subprocess.CalledProcessError, OSError) as e:
                note(self.results, f"PostgreSQL: cannot start a cluster ({e}), skipped")
                self.available["postgresql"] = False
            if self.available["postgresql"]:
                try:
                    row = self.add_index(self.attempt("PostgreSQL: COPY + GIN index", lambda: self.pg.index(tsv), rep),
                                         docs, nbytes, label)
                    if row:
                        self.query_engine("postgresql", docs, label,
                                          lambda c: self.pg.queries(self.specs_path, c, w, r))
                finally:
                    self.pg.stop()
                    shutil.rmtree(self.pg.data, ignore_errors=True)
        if self.available["xapian-python"] and python:
            xp = os.path.join(self.db_dir, "xapian-python")
            row = self.add_index(self.attempt("stock Xapian (python3-xapian): index",
                                              lambda: self.xapian.index(corpus, xp), rep), docs, nbytes, label)
            if row:
                self.query_engine("xapian-python", docs, label,
                                  lambda c: self.xapian.queries(xp, self.specs_path, c, w, r))
            shutil.rmtree(xp, ignore_errors=True)

    def run_growth(self, base, copies):
        a = self.args
        if copies <= 1:
            return
        scaled = os.path.join(self.work, f"scaled-{copies}.jsonl")
        log(f"replicating the corpus {copies} times")
        subprocess.run([engines.PYTHON, os.path.join(HERE, "make_corpus.py"), "scale", base, scaled,
                        "--copies", str(copies)], check=True, capture_output=True)
        total, total_bytes = jsonl_stats(scaled)
        sizes = [n for n in a.steps if n < total] + [total]
        # Each size is indexed from scratch into an empty database (veille's bulk load: parallel shards
        # merged at the end), the way a user builds an index from an archive and the way the peers are
        # run. Then the write path of a database in use: INCREMENTAL new articles (same texts, new ids)
        # added to the largest one by a single writer committing every 2,000 articles.
        vdb = os.path.join(self.db_dir, "veille")
        done = 0
        for n in sizes:
            part = os.path.join(self.work, f"part-{n}.jsonl")
            docs, nbytes = cut(scaled, part, 0, n)
            row = self.attempt(f"veille: index {n} articles into an empty database",
                               lambda: self.veille.index([part], vdb, a.threads, "veille (JSONL)", fresh=True))
            os.remove(part)
            if row is None:
                break
            done = docs
            row = self.add_index(row, docs, nbytes, f"scale-{docs}")
            q = {}
            for clients in (1, 2):
                res = self.attempt(f"veille: query mix, {docs} articles, {clients} client(s)",
                                   lambda: self.veille.queries(vdb, self.specs, clients, a.warm, a.rounds))
                q[clients] = self.add_queries("veille", docs, clients, res, f"scale-{docs}")
            self.results["growth"].append({"docs": docs, "index": row, "queries_1": q.get(1), "queries_2": q.get(2)})
            if n == total:
                self.serve_under_load(vdb, docs)
        if done == total:
            part = os.path.join(self.work, "incremental.jsonl")
            docs, nbytes = cut(scaled, part, 0, INCREMENTAL, id_suffix="-nouveau")
            row = self.attempt(f"veille: add {docs} articles to the {total}-article database",
                               lambda: self.veille.index([part], vdb, a.threads, "veille (JSONL)", fresh=False))
            os.remove(part)
            if row:
                self.results["incremental"] = dict(row, docs=docs, text_mb=round(nbytes / 1e6, 2),
                                                   base_docs=total, docs_per_s=round(docs / row["wall_s"], 1),
                                                   mb_per_s=round(nbytes / 1e6 / row["wall_s"], 2))
        shutil.rmtree(vdb, ignore_errors=True)
        if done == total and a.peers_at_scale != "none":
            # Peers index the whole scaled corpus in one run, as veille's largest growth row did.
            label = f"scale-{total}"
            if self.available["xapian-floor"] and a.peers_at_scale == "all":
                fl = os.path.join(self.db_dir, "floor")
                self.add_index(self.attempt(f"Xapian floor: index {total} articles",
                                            lambda: self.floor.index(scaled, fl)), total, total_bytes, label)
                shutil.rmtree(fl, ignore_errors=True)
            tsv = os.path.join(self.work, "scaled.tsv")
            to_tsv(scaled, tsv)
            self.run_peers(scaled, tsv, total, total_bytes, label, python=a.peers_at_scale == "all")
            os.remove(tsv)
        os.remove(scaled)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True)
    ap.add_argument("--build", required=True, help="veille build directory (Release), with bench/ tools")
    ap.add_argument("--work", required=True, help="scratch directory: corpus cache, databases")
    ap.add_argument("--corpus", help="JSONL articles to use instead of the Debian documentation corpus")
    ap.add_argument("--scale", type=int, default=0,
                    help="copies of the corpus for the growth runs (default: enough for 100,000 articles; 1 = none)")
    ap.add_argument("--quick", action="store_true", help="1,000 articles, no growth runs: a smoke test")
    ap.add_argument("--steps", type=lambda v: [int(x) for x in v.split(",")], default=GROWTH,
                    help="corpus sizes reported on the way to the full scale (default 10000,30000)")
    ap.add_argument("--threads", type=int, default=0, help="veille-index threads for the growth runs (default: cores)")
    ap.add_argument("--peers-at-scale", choices=["none", "fast", "all"], default="fast",
                    help="peers at the largest size: fast = Lucene, PostgreSQL; all = + the floor and stock Xapian")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--repeat", type=int, default=3,
                    help="indexing runs per engine on the base corpus, the fastest kept (default 3: one run on a "
                         "shared virtual machine varies by 10%% or more)")
    ap.add_argument("--warm", type=int, default=2, help="untimed passes over the query mix first")
    ap.add_argument("--rounds", type=int, default=5, help="timed passes over the query mix")
    ap.add_argument("--serve-seconds", type=float, default=20,
                    help="veille-search serve under load: seconds per client count, on the largest database (0: skip)")
    ap.add_argument("--serve-clients", default="1,8,32", help="concurrent HTTP clients, one run each")
    ap.add_argument("--lucene-jars", default="")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--markdown", help="also write the Markdown report to this file")
    ap.add_argument("--readme", help="replace the text under '## Benchmarks' in this README with the report")
    a = ap.parse_args()
    a.threads = a.threads or (os.cpu_count() or 2)
    started = time.time()
    os.makedirs(a.work, exist_ok=True)
    bench = Bench(a)
    if a.corpus:
        base, files_dir = os.path.abspath(a.corpus), None
    else:
        base, files_dir = prepare_base(a.work, a.root)
    if a.quick:
        small = os.path.join(a.work, "quick.jsonl")
        head(base, small, 1000)
        base, files_dir = small, None
        a.rounds = min(a.rounds, 2)
        a.serve_seconds = min(a.serve_seconds, 2)
        a.repeat = 1
    base_docs, _ = jsonl_stats(base)
    copies = a.scale if a.scale else -(-TARGET_ARTICLES // max(1, base_docs))
    if a.quick:
        copies = 1
    bench.results["settings"] = {"scale": copies, "repeat": a.repeat, "warm": a.warm, "rounds": a.rounds, "queries": len(bench.specs),
                                 "threads": a.threads, "peers_at_scale": a.peers_at_scale,
                                 "pg": engines_pg_settings()}
    try:
        bench.run_base(base, files_dir)
        bench.run_growth(base, copies)
    finally:
        bench.pg.stop()
    bench.results["load_after"] = load_average()
    bench.results["seconds"] = round(time.time() - started, 1)
    text = report.markdown(bench.results)
    print(text)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(bench.results, f, ensure_ascii=False, indent=1)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    if a.readme:
        report.update_readme(a.readme, text)
    log(f"done in {bench.results['seconds']:.0f} s")


def engines_pg_settings():
    try:
        import pg_bench  # for its settings table; psycopg2 may be missing
        return pg_bench.SETTINGS
    except ImportError:
        return {}


if __name__ == "__main__":
    main()
