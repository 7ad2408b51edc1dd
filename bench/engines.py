# engines.py — how each engine is run and measured: veille, the Xapian floor, Lucene, PostgreSQL, stock Xapian.
"""Every run is a child process measured the same way: wall time, CPU time (user + system) and peak RSS
from wait4(2), index size as the sum of its files. PostgreSQL, a server, is measured from /proc by
pg_bench.py. Query runs report per-query latencies (ms) and the wall time of the timed part."""
import json
import math
import os
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"  # python3-xapian and python3-psycopg2 are Debian's, for Debian's python


class RunError(RuntimeError):
    pass


def run_measured(cmd, stdin=None, timeout=3600, env=None):
    """Runs cmd; returns (stdout text, wall s, cpu s, peak RSS kB). Raises RunError on failure."""
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as fin:
        p = subprocess.Popen(cmd, stdin=fin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        box = {}
        reader = threading.Thread(target=lambda: box.setdefault("err", p.stderr.read()))
        reader.start()
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        out = p.stdout.read()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        reader.join()
        p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    err = box.get("err", b"").decode(errors="replace").strip()
    if p.returncode not in (0, 3):  # veille-index: 3 = some records rejected, the rest indexed
        raise RunError(f"{os.path.basename(cmd[0])} exited {p.returncode}: {err[:600]}")
    return out.decode(errors="replace"), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise RunError("no JSON summary in output: " + text[-300:])


def files_size(path, group=None):
    """Total bytes of the files under path; with group(name) → key, also the bytes per key."""
    total, parts = 0, {}
    for dirpath, _, names in os.walk(path):
        for name in names:
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                continue
            size = os.path.getsize(full)
            total += size
            if group:
                key = group(name)
                parts[key] = parts.get(key, 0) + size
    return total, parts


def xapian_part(name):
    return name.split(".")[0] if name.endswith(".glass") else "other"


LUCENE_PARTS = {"fdt": "stored", "fdx": "stored", "doc": "postings", "pos": "positions", "tim": "terms",
                "tip": "terms", "nvd": "norms", "nvm": "norms", "dvd": "docvalues", "dvm": "docvalues",
                "cfs": "compound", "cfe": "compound"}


def lucene_part(name):
    return LUCENE_PARTS.get(name.rsplit(".", 1)[-1], "other")


def index_row(engine, label, threads, wall, cpu, rss_kb, size, parts, docs, extra=None):
    row = {"engine": engine, "label": label, "threads": threads, "docs": docs, "wall_s": round(wall, 3),
           "cpu_s": round(cpu, 3), "peak_rss_mb": round(rss_kb / 1024, 1), "size_mb": round(size / 1e6, 2),
           "parts_mb": {k: round(v / 1e6, 2) for k, v in sorted(parts.items())}}
    row.update(extra or {})
    return row


# ---- veille ----

class Veille:
    def __init__(self, build):
        self.index_bin = os.path.join(build, "indexer", "veille-index")
        self.search_bin = os.path.join(build, "searcher", "veille-search")

    def index(self, inputs, db, threads, label, fresh=True):
        if fresh:
            subprocess.run(["rm", "-rf", db], check=True)
        cmd = [self.index_bin, "--db", db, "--json", "--threads", str(threads)] + inputs
        out, wall, cpu, rss = run_measured(cmd)
        summary = last_json(out)
        size, parts = files_size(db, xapian_part)
        return index_row("veille", label, threads, wall, cpu, rss, size, parts,
                         summary.get("indexed", 0) + summary.get("updated", 0),
                         {"rejected": summary.get("rejected", 0)})

    @staticmethod
    def query_text(spec):
        q = spec["q"]
        if spec.get("source"):
            q += f' source:"{spec["source"]}"'
        if spec.get("year"):
            q += f' date:{spec["year"]}'
        return q

    def _stream(self, db, lines, warm_count, sort):
        """One veille-search process answering `lines`; returns (took_ms of the timed lines, timed wall, rss)."""
        cmd = [self.search_bin, "--db", db, "--json"] + (["--sort", "date"] if sort else [])
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, NO_COLOR="1"))
        writer = threading.Thread(target=lambda: (p.stdin.write("".join(l + "\n" for l in lines).encode()),
                                                  p.stdin.close()))
        writer.start()
        stamps, took, hits = [], [], []
        for raw in p.stdout:
            stamps.append(time.perf_counter())
            answer = json.loads(raw)
            took.append(answer["took_ms"])
            hits.append(answer["total"])
        err = p.stderr.read().decode(errors="replace")
        writer.join()
        _, status, usage = os.wait4(p.pid, 0)
        if len(stamps) != len(lines):
            raise RunError(f"veille-search answered {len(stamps)} of {len(lines)} queries: {err[-400:]}")
        return took[warm_count:], stamps[-1] - stamps[warm_count - 1], usage.ru_maxrss, hits[:warm_count]

    def queries(self, db, specs, clients, warm, rounds):
        groups = [[s for s in specs if s.get("sort") != "date"], [s for s in specs if s.get("sort") == "date"]]
        results = [None] * clients

        def client(c):
            lat, wall, rss, hits = [], 0.0, 0, []
            for sort, group in enumerate(groups):
                if not group:
                    continue
                k = c * len(group) // 2 % len(group)
                order = [self.query_text(s) for s in group[k:] + group[:k]]
                took, w, r, h = self._stream(db, order * (warm + rounds), len(order) * warm, sort == 1)
                lat += took
                wall += w
                rss = max(rss, r)
                hits += h
            results[c] = (lat, wall, rss, sum(hits))

        threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if any(r is None for r in results):
            raise RunError("a veille-search client failed")
        lat = [x for r in results for x in r[0]]
        qps = sum(len(r[0]) / r[1] for r in results)
        return {"latencies_ms": lat, "qps": qps, "peak_rss_mb": round(max(r[2] for r in results) / 1024, 1),
                "total_hits": results[0][3], "latency_source": "took_ms"}


# ---- peers ----

class Floor:
    def __init__(self, binary):
        self.binary = binary

    def index(self, corpus, db):
        subprocess.run(["rm", "-rf", db], check=True)
        out, wall, cpu, rss = run_measured([self.binary, corpus, db, "2000"])
        s = last_json(out)
        size, parts = files_size(db, xapian_part)
        return index_row("xapian-floor", "Xapian floor (C++, no analysis)", 1, wall, cpu, rss, size, parts, s["docs"])


class Lucene:
    def __init__(self, classes, jars):
        self.cp = ":".join([classes] + jars)
        self.java = ["java", "-Xmx1g", "-cp", self.cp, "FrenchBench"]

    def index(self, docs_tsv, path, threads):
        subprocess.run(["rm", "-rf", path], check=True)
        out, wall, cpu, rss = run_measured(self.java + ["index", docs_tsv, path, str(threads)])
        s = last_json(out)
        size, parts = files_size(path, lucene_part)
        return index_row("lucene", "Lucene 4.10 FrenchAnalyzer", threads, wall, cpu, rss, size, parts, s["docs"])

    def queries(self, path, queries_tsv, clients, warm, rounds):
        out, _, _, rss = run_measured(self.java + ["search", path, queries_tsv, str(clients), str(warm), str(rounds)])
        r = last_json(out)
        return {"latencies_ms": r["latencies_ms"], "qps": len(r["latencies_ms"]) / r["wall"],
                "peak_rss_mb": round(rss / 1024, 1), "total_hits": r["total_hits"], "latency_source": "in-process"}


class Postgres:
    def __init__(self, data):
        self.data = data
        self.script = os.path.join(HERE, "pg_bench.py")
        self.started = False

    def start(self):
        subprocess.run([PYTHON, self.script, "start", self.data], check=True, capture_output=True)
        self.started = True

    def stop(self):
        if self.started:
            subprocess.run([PYTHON, self.script, "stop", self.data], capture_output=True)
            self.started = False

    def index(self, docs_tsv):
        out, wall, cpu, _ = run_measured([PYTHON, self.script, "index", self.data, docs_tsv])
        s = last_json(out)
        # Client and server: the client's own CPU (reading and sending the file) plus the server's.
        return index_row("postgresql", "PostgreSQL 15 french + GIN", 1, s["seconds"], s["cpu_seconds"] + cpu,
                         s["peak_rss_kb"], s["size_bytes"], s["parts"], s["docs"],
                         {"load_s": s["load_seconds"]})

    def queries(self, queries_json, clients, warm, rounds):
        out, _, _, _ = run_measured([PYTHON, self.script, "search", self.data, queries_json, str(clients),
                                     str(warm), str(rounds)])
        r = last_json(out)
        return {"latencies_ms": r["latencies_ms"], "qps": len(r["latencies_ms"]) / r["wall"],
                "total_hits": r["total_hits"], "latency_source": "client round trip"}


class XapianStock:
    def __init__(self):
        self.script = os.path.join(HERE, "xapian_stock.py")

    def index(self, corpus, db):
        subprocess.run(["rm", "-rf", db], check=True)
        out, wall, cpu, rss = run_measured([PYTHON, self.script, "index", corpus, db])
        s = last_json(out)
        size, parts = files_size(db, xapian_part)
        return index_row("xapian-python", "stock Xapian (python3-xapian)", 1, wall, cpu, rss, size, parts, s["docs"])

    def queries(self, db, queries_json, clients, warm, rounds):
        out, _, _, rss = run_measured([PYTHON, self.script, "search", db, queries_json, str(clients), str(warm),
                                       str(rounds)])
        r = last_json(out)
        return {"latencies_ms": r["latencies_ms"], "qps": len(r["latencies_ms"]) / r["wall"],
                "peak_rss_mb": round(rss / 1024, 1), "total_hits": r["total_hits"], "latency_source": "in-process"}


class AnalysisOnly:
    def __init__(self, binary):
        self.binary = binary

    def run(self, corpus, mode, threads):
        out, wall, cpu, rss = run_measured([self.binary, mode, corpus, str(threads)])
        s = last_json(out)
        return {"mode": mode, "threads": threads, "seconds": s["seconds"], "bytes": s["bytes"], "docs": s["docs"],
                "tokens": s["tokens"], "terms": s["terms"], "mb_per_s": round(s["bytes"] / 1e6 / s["seconds"], 2),
                "peak_rss_mb": round(rss / 1024, 1)}


def percentile(values, p):
    if not values:
        return float("nan")
    v = sorted(values)  # nearest rank: the smallest value with at least p % of the values at or below it
    return v[max(0, min(len(v), math.ceil(p / 100 * len(v))) - 1)]


def summarize_queries(engine, docs, clients, r):
    lat = r["latencies_ms"]
    return {"engine": engine, "docs": docs, "clients": clients, "queries": len(lat),
            "p50_ms": round(percentile(lat, 50), 3), "p95_ms": round(percentile(lat, 95), 3),
            "p99_ms": round(percentile(lat, 99), 3), "qps": round(r["qps"], 1),
            "total_hits": r.get("total_hits"), "peak_rss_mb": r.get("peak_rss_mb"),
            "latency_source": r.get("latency_source")}
