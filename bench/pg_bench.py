#!/usr/bin/python3
# pg_bench.py — the PostgreSQL 15 peer: a private cluster on a Unix socket, `french` text search, GIN.
"""PostgreSQL full-text search as its documentation sets it up.

  pg_bench.py start DIR          initdb (as postgres when root) + start a cluster in DIR, socket in DIR
  pg_bench.py stop DIR
  pg_bench.py index DIR DOCS.tsv → one JSON line {docs, bytes, seconds, cpu_seconds, peak_rss_kb, size_bytes, ...}
  pg_bench.py search DIR QUERIES.json CLIENTS WARM ROUNDS → one JSON line {wall, latencies_ms, total_hits}
  pg_bench.py index-text DIR DOCS.tsv            (same TSV; title + body only) → one JSON line {docs, seconds}
  pg_bench.py topics DIR TOPICS.tsv DEPTH RUN    → a TREC run of the top DEPTH per topic; one JSON line {topics}

Schema: tsv = setweight(to_tsvector('french', title), 'A') || setweight(to_tsvector('french', body), 'B'),
a stored generated column, so COPY computes it; then a GIN index on it. Queries: websearch_to_tsquery
('french', q) (AND of the words; "…" phrases), ranked by ts_rank_cd, top 10 with id and title; the exact
total and exact counts by source and by month over the whole match set, in one statement.
Time, CPU (the backend plus the server's background processes) and peak RSS (the backend's VmHWM,
shared buffers it touched included) are measured from /proc, the server being another process.
"""
import json
import os
import pwd
import shutil
import subprocess
import sys
import threading
import time

import psycopg2

PG_BIN = "/usr/lib/postgresql/15/bin"
SETTINGS = {"listen_addresses": "''", "max_connections": "20", "shared_buffers": "128MB",
            "maintenance_work_mem": "256MB", "work_mem": "16MB", "max_wal_size": "2GB",
            "fsync": "on", "synchronous_commit": "on"}


def as_owner(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + cmd
    return cmd


def start(data):
    data = os.path.abspath(data)
    if os.path.exists(data):
        shutil.rmtree(data)
    os.makedirs(data)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(data, pw.pw_uid, pw.pw_gid)
    pgdata = os.path.join(data, "pgdata")
    subprocess.run(as_owner([f"{PG_BIN}/initdb", "-D", pgdata, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                             "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL)
    opts = " ".join(f"-c {k}={v}" for k, v in SETTINGS.items()) + f" -c unix_socket_directories={data}"
    subprocess.run(as_owner([f"{PG_BIN}/pg_ctl", "-D", pgdata, "-o", opts, "-l", os.path.join(data, "log"),
                             "-w", "start"]), check=True, stdout=subprocess.DEVNULL)


def stop(data):
    pgdata = os.path.join(os.path.abspath(data), "pgdata")
    subprocess.run(as_owner([f"{PG_BIN}/pg_ctl", "-D", pgdata, "-m", "fast", "-w", "stop"]),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def connect(data):
    return psycopg2.connect(host=os.path.abspath(data), user="postgres", dbname="postgres")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def server_pids(data):
    with open(os.path.join(os.path.abspath(data), "pgdata", "postmaster.pid")) as f:
        master = int(f.readline())
    pids = [master]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(entry))
            except (OSError, ValueError):
                pass
    return pids


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def index(data, docs_tsv):
    conn = connect(data)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS docs")
    cur.execute("SELECT pg_backend_pid()")
    backend = cur.fetchone()[0]
    pids = server_pids(data)
    ticks_before = {p: cpu_ticks(p) for p in pids}
    start_t = time.perf_counter()
    cur.execute("""CREATE TABLE docs (
        id text PRIMARY KEY, title text NOT NULL, body text NOT NULL, source text, date date,
        tsv tsvector GENERATED ALWAYS AS
            (setweight(to_tsvector('french', title), 'A') || setweight(to_tsvector('french', body), 'B')) STORED)""")
    with open(docs_tsv, "rb") as f:
        cur.copy_expert("COPY docs (id, title, body, source, date) FROM STDIN", f)
    loaded = time.perf_counter()
    cur.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
    seconds = time.perf_counter() - start_t
    hz = os.sysconf("SC_CLK_TCK")
    cpu = 0.0
    for p in pids:
        try:
            cpu += (cpu_ticks(p) - ticks_before[p]) / hz
        except OSError:
            pass
    rss = vm_hwm_kb(backend)
    cur.execute("VACUUM ANALYZE docs")
    cur.execute("SELECT count(*), sum(octet_length(title) + octet_length(body)), pg_total_relation_size('docs'), "
                "pg_relation_size('docs_tsv'), pg_relation_size('docs'), "
                "coalesce(pg_total_relation_size(reltoastrelid), 0) FROM docs, pg_class WHERE relname = 'docs' "
                "GROUP BY reltoastrelid")
    n, nbytes, total, gin, heap, toast = cur.fetchone()
    conn.close()
    print(json.dumps({"docs": n, "bytes": int(nbytes), "seconds": round(seconds, 3),
                      "load_seconds": round(loaded - start_t, 3), "cpu_seconds": round(cpu, 3),
                      "peak_rss_kb": rss, "size_bytes": total,
                      "parts": {"gin": gin, "heap": heap, "toast": toast}}))


QUERY = """
WITH q AS (SELECT websearch_to_tsquery('french', %(q)s) AS q),
m AS MATERIALIZED (
  SELECT d.id, d.title, d.source, d.date, d.tsv FROM docs d, q
  WHERE d.tsv @@ q.q
    AND (%(source)s IS NULL OR d.source = %(source)s)
    AND (%(year)s IS NULL OR d.date BETWEEN make_date(%(year)s, 1, 1) AND make_date(%(year)s, 12, 31)))
SELECT (SELECT count(*) FROM m),
  (SELECT json_agg(t) FROM (SELECT m.id, m.title FROM m, q
     ORDER BY CASE WHEN %(by_date)s THEN NULL ELSE ts_rank_cd(m.tsv, q.q) END DESC NULLS LAST,
              m.date DESC NULLS LAST LIMIT 10) t),
  (SELECT json_object_agg(coalesce(source, ''), n) FROM (SELECT source, count(*) n FROM m GROUP BY source) s),
  (SELECT json_object_agg(month, n) FROM
     (SELECT to_char(date, 'YYYY-MM') AS month, count(*) n FROM m WHERE date IS NOT NULL GROUP BY 1) s)
"""


def params(spec):
    return {"q": spec["q"], "source": spec.get("source"), "year": spec.get("year"),
            "by_date": spec.get("sort") == "date"}


def client(data, specs, warm, rounds, offset, out, index_):
    conn = connect(data)
    conn.autocommit = True
    cur = conn.cursor()
    hits = 0
    for w in range(warm):
        for spec in specs:
            cur.execute(QUERY, params(spec))
            n = cur.fetchone()[0]
            hits += n if w == 0 else 0
    order = specs[offset:] + specs[:offset]
    lat = []
    start_t = time.time()
    for _ in range(rounds):
        for spec in order:
            t0 = time.perf_counter()
            cur.execute(QUERY, params(spec))
            cur.fetchall()
            lat.append((time.perf_counter() - t0) * 1000)
    out[index_] = (hits, lat, start_t, time.time())
    conn.close()


def search(data, queries, clients, warm, rounds):
    with open(queries, encoding="utf-8") as f:
        specs = json.load(f)
    out = [None] * clients
    # psycopg2 releases the GIL while the server works, so threads are real concurrent clients.
    threads = [threading.Thread(target=client, args=(data, specs, warm, rounds, c * len(specs) // 2 % len(specs),
                                                     out, c)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = max(r[3] for r in out) - min(r[2] for r in out)
    print(json.dumps({"wall": round(wall, 4), "total_hits": out[0][0],
                      "latencies_ms": [round(x, 4) for r in out for x in r[1]]}))


def index_text(data, docs_tsv):
    """The relevance peer: one tsvector of title and body, unweighted, as the documentation's first example."""
    conn = connect(data)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS texts")
    start_t = time.perf_counter()
    cur.execute("""CREATE TABLE texts (id text PRIMARY KEY, title text NOT NULL, body text NOT NULL,
        source text, date date,
        tsv tsvector GENERATED ALWAYS AS (to_tsvector('french', title || ' ' || body)) STORED)""")
    with open(docs_tsv, "rb") as f:
        cur.copy_expert("COPY texts (id, title, body, source, date) FROM STDIN", f)
    cur.execute("CREATE INDEX texts_tsv ON texts USING gin (tsv)")
    seconds = time.perf_counter() - start_t
    cur.execute("VACUUM ANALYZE texts")
    cur.execute("SELECT count(*) FROM texts")
    print(json.dumps({"docs": cur.fetchone()[0], "seconds": round(seconds, 3)}))
    conn.close()


# plainto_tsquery ANDs the words (and links a compound's parts with <->); a natural question seldom has
# every word in its answer, so each operator becomes |. Lexemes are quoted and hold no spaces, so the
# pattern only meets operators. ts_rank with normalisation 0: the default, document length ignored.
TOPIC_QUERY = """
WITH q AS (SELECT regexp_replace(plainto_tsquery('french', %(q)s)::text, ' (&|<[0-9]+>|<->) ', ' | ', 'g')::tsquery AS q)
SELECT t.id, ts_rank(t.tsv, q.q) AS r FROM texts t, q WHERE t.tsv @@ q.q ORDER BY r DESC, t.id LIMIT %(depth)s
"""


def topics(data, topics_tsv, depth, run_out):
    conn = connect(data)
    conn.autocommit = True
    cur = conn.cursor()
    count = 0
    with open(topics_tsv, encoding="utf-8") as f, open(run_out, "w", encoding="utf-8") as out:
        for line in f:
            qid, _, text = line.rstrip("\n").partition("\t")
            if not qid:
                continue
            cur.execute(TOPIC_QUERY, {"q": text, "depth": depth})
            for rank, (doc, r) in enumerate(cur.fetchall(), 1):
                out.write(f"{qid} Q0 {doc} {rank} {r!r} postgresql\n")
            count += 1
    conn.close()
    print(json.dumps({"topics": count}))


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "start" and len(sys.argv) == 3:
        start(sys.argv[2])
    elif cmd == "stop" and len(sys.argv) == 3:
        stop(sys.argv[2])
    elif cmd == "index" and len(sys.argv) == 4:
        index(sys.argv[2], sys.argv[3])
    elif cmd == "search" and len(sys.argv) == 7:
        search(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif cmd == "index-text" and len(sys.argv) == 4:
        index_text(sys.argv[2], sys.argv[3])
    elif cmd == "topics" and len(sys.argv) == 6:
        topics(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
