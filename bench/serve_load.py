#!/usr/bin/env python3
"""serve_load.py — load on a running `veille-search serve`: C clients, each on its own keep-alive
connection, send a query mix for S seconds; prints requests/s, p50/p99 latency and errors per C.
Not a test (no threshold); issue 17's load table.

Usage: serve_load.py URL QUERIES.tsv [--seconds 20] [--clients 1,8,32]"""
import argparse
import http.client
import statistics
import threading
import time
import urllib.parse


def client(host, port, targets, stop_at, latencies, errors, offset):
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("queries", help="qid<TAB>query lines (corpus/eval/queries.tsv)")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", default="1,8,32")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    queries = [line.rstrip("\n").split("\t", 1)[-1] for line in open(args.queries, encoding="utf-8") if line.strip()]
    targets = ["/api/search?" + urllib.parse.urlencode({"q": q}) for q in queries]
    print("| clients | requests/s | p50 ms | p99 ms | errors |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for count in (int(c) for c in args.clients.split(",")):
        latencies, errors = [], []
        stop_at = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(url.hostname, url.port, targets, stop_at, latencies,
                                                         errors, k * 7)) for k in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0
        print(f"| {count} | {len(latencies) / args.seconds:.0f} | {p(0.50):.1f} | {p(0.99):.1f} | {len(errors)} |")


if __name__ == "__main__":
    main()
