#!/usr/bin/python3
# shards_bench.py — one database against local and remote shards at scale (README « Plusieurs machines »).
"""Indexes one corpus as N local shards (`veille-index --shards N`, one run) for each N asked, then
runs the bench's query mix (bench/queries.json, facets counted) against each, and against the same
shards served by `xapian-tcpsrv` on 127.0.0.1 (one server per shard) through a stub file of `remote`
lines. Prints a Markdown table; --json FILE writes every figure.

  shards_bench.py --build build-bench --corpus scaled.jsonl --work DIR [--shards 1,2,4] [--remote 2]

N = 1 is the ordinary single database (bulk load). --remote N serves the shards of the N-shard run,
which must be among --shards. Queries: one client, --warm passes unmeasured then --rounds passes,
latency from each answer's took_ms (as scripts/bench reports them).
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import engines  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, deadline=30.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise engines.RunError(f"xapian-tcpsrv on port {port} did not listen within {deadline} s")


def index_shards(veille, corpus, work, n, threads):
    db = os.path.join(work, "one" if n == 1 else f"shards-{n}")
    subprocess.run(["rm", "-rf", db], check=True)
    cmd = [veille.index_bin, "--db", db, "--json", "--threads", str(threads)] + (["--shards", str(n)] if n > 1 else [])
    out, wall, cpu, rss = engines.run_measured(cmd + [corpus], timeout=4 * 3600)
    summary = engines.last_json(out)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(db) for f in files)
    return db, {"shards": n, "where": "local", "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
                "peak_rss_mb": round(rss / 1024, 1), "db_mb": round(size / 2**20, 1),
                "indexed": summary.get("indexed", 0) + summary.get("updated", 0)}


def query_row(veille, db, specs, warm, rounds):
    r = veille.queries(db, specs, 1, warm, rounds)
    row = engines.summarize_queries("veille", 0, 1, r)
    return {"p50_ms": row["p50_ms"], "p95_ms": row["p95_ms"], "p99_ms": row["p99_ms"], "qps": row["qps"],
            "search_rss_mb": row["peak_rss_mb"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", required=True, help="the build directory holding indexer/ and searcher/")
    ap.add_argument("--corpus", required=True, help="JSONL articles (e.g. make_corpus.py scale output)")
    ap.add_argument("--work", required=True, help="where the databases go (removed first)")
    ap.add_argument("--shards", default="1,2,4", help="shard counts to index and query")
    ap.add_argument("--remote", type=int, default=2, help="serve the shards of this run with xapian-tcpsrv (0: none)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warm", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", help="write every figure here")
    a = ap.parse_args()

    veille = engines.Veille(a.build)
    specs = json.load(open(os.path.join(HERE, "queries.json")))
    os.makedirs(a.work, exist_ok=True)
    counts = [int(x) for x in a.shards.split(",")]
    if a.remote and a.remote not in counts:
        sys.exit(f"shards_bench.py: --remote {a.remote} needs {a.remote} among --shards")
    rows, dbs = [], {}
    for n in counts:
        print(f"indexing {n} shard(s)…", file=sys.stderr, flush=True)
        db, row = index_shards(veille, a.corpus, a.work, n, a.threads)
        dbs[n] = db
        row.update(query_row(veille, db, specs, a.warm, a.rounds))
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    if a.remote:
        servers, lines = [], []
        try:
            for k in range(a.remote):
                port = free_port()
                shard = os.path.join(dbs[a.remote], f"shard-{k}")
                # A session of its own: on SIGTERM the server signals its whole process group (its
                # forked children), which would otherwise take this script down with it.
                servers.append(subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), shard],
                                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                start_new_session=True))
                wait_listening(port)
                lines.append(f"remote 127.0.0.1:{port}")
            stub = os.path.join(a.work, "remote.stub")
            with open(stub, "w") as f:
                f.write("\n".join(lines) + "\n")
            row = {"shards": a.remote, "where": "remote (xapian-tcpsrv, 127.0.0.1)"}
            row.update(query_row(veille, stub, specs, a.warm, a.rounds))
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
        finally:
            for s in servers:
                s.terminate()
                s.wait()
    docs = rows[0].get("indexed")
    print(f"| {docs:,} articles | index wall s | CPU s | peak RSS MB | on disk MB | query p50 ms | p99 ms | queries/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        name = "one database" if r["shards"] == 1 else f"{r['shards']} shards, {r['where']}"
        cells = [r.get(k, "—") for k in ("wall_s", "cpu_s", "peak_rss_mb", "db_mb", "p50_ms", "p99_ms", "qps")]
        print(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"corpus": a.corpus, "settings": vars(a), "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
