#!/usr/bin/env python3
"""serve_load.py — load on `veille-search serve`: C clients, each on its own keep-alive connection,
send a query mix for S seconds; requests/s, p50/p99 latency and errors per C. scripts/bench runs it
on its largest database (harness.py, « The HTTP server under load »); by hand, on a running server:

Usage: serve_load.py URL QUERIES.tsv [--seconds 20] [--clients 1,8,32]
Not a test: nothing here has a threshold."""
import argparse
import http.client
import os
import signal
import subprocess
import threading
import time
import urllib.parse


def api_target(spec):
    """/api/search for one query of bench/queries.json: its words, source and year as filters, its sort."""
    params = [("q", spec["q"])]
    if spec.get("source"):
        params.append(("filter", f'source:"{spec["source"]}"'))
    if spec.get("year"):
        params.append(("filter", f"date:{spec['year']}"))
    if spec.get("sort"):
        params.append(("sort", spec["sort"]))
    return "/api/search?" + urllib.parse.urlencode(params)


def _client(host, port, targets, stop_at, latencies, errors, offset):
    conn = http.client.HTTPConnection(host, port, timeout=10)
    i = offset
    while time.monotonic() < stop_at:
        target = targets[i % len(targets)]
        i += 1
        start = time.monotonic()
        try:
            conn.request("GET", target)
            answer = conn.getresponse()
            answer.read()
            if answer.status != 200:
                errors.append(answer.status)
        except (OSError, http.client.HTTPException):
            errors.append("connection")
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=10)
            continue
        latencies.append(time.monotonic() - start)
    conn.close()


def load(url, targets, clients, seconds):
    """`clients` concurrent clients for `seconds`: {clients, requests_per_s, p50_ms, p99_ms, errors}."""
    u = urllib.parse.urlsplit(url)
    latencies, errors = [], []
    stop_at = time.monotonic() + seconds
    # Each client starts at its own place in the mix, so they do not ask the same query at once.
    threads = [threading.Thread(target=_client, args=(u.hostname, u.port, targets, stop_at, latencies, errors,
                                                      k * 7)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pct(q):
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2) if latencies else 0

    return {"clients": clients, "requests": len(latencies), "requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "errors": len(errors)}


def rss_mb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def serve_and_load(search_bin, db, targets, clients_list, seconds, threads=64):
    """Starts `veille-search --db DB serve` on a free port, runs load() for each client count, stops it.
    Returns {threads, seconds, rss_before_mb (started, one request answered), rss_after_mb, rows}.
    `threads` is serve's --threads (its default)."""
    p = subprocess.Popen([search_bin, "--db", db, "serve", "--listen", "127.0.0.1:0", "--threads", str(threads)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = p.stdout.readline().strip()
        if not url.startswith("http://"):
            raise RuntimeError(f"veille-search serve printed no URL (exit {p.poll()})")
        load(url, targets[:1], 1, 0.2)  # the database opened, one Engine warm
        before = rss_mb(p.pid)
        rows = [load(url, targets, c, seconds) for c in clients_list]
        return {"threads": threads, "seconds": seconds, "rss_before_mb": before, "rss_after_mb": rss_mb(p.pid),
                "rows": rows}
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def table(rows):
    out = ["| clients | requests/s | p50 ms | p99 ms | errors |", "| ---: | ---: | ---: | ---: | ---: |"]
    out += [f"| {r['clients']} | {r['requests_per_s']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |"
            for r in rows]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("queries", help="qid<TAB>query lines (corpus/eval/queries.tsv)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", default="1,8,32")
    args = parser.parse_args()
    queries = [line.rstrip("\n").split("\t", 1)[-1] for line in open(args.queries, encoding="utf-8") if line.strip()]
    targets = [api_target({"q": q}) for q in queries]
    print(table([load(args.url, targets, int(c), args.seconds) for c in args.clients.split(",")]))


if __name__ == "__main__":
    main()
