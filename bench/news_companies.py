#!/usr/bin/env python3
"""news_companies — company extraction measured on French news nobody here wrote (issue 18, part 5).

  bench/news_companies.py items [--shared DIR]   the 150 items, as JSONL on stdout (for veille-index --gold)
  bench/news_companies.py score [--shared DIR] [--build DIR]
                                                 veille-index --gold bench/news_companies.jsonl on them

The items are the tech-section articles of ../shared/eval/news (their URL path names a tech, pixels,
internet or AI section), 150 of them drawn with a seeded generator. bench/news_companies.jsonl holds
their companies, annotated by hand from the text alone, before the extractor was run on them (the
conventions of corpus/README.md: a group's brands under the group as the gazetteer names it, no
public bodies, regulators, universities or people; only what the text names). The texts stay in
../shared: the project keeps ids and companies only.
"""
import argparse
import json
import lzma
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TECH_PATH = re.compile(r"/(tech|pixels|technologies|high-tech[^/]*|internet|numerique|intelligence-artificielle)(/|$)"
                       r"|intelligence-artificielle")
COUNT = 150
SEED = 18


def shared_dir(given):
    if given:
        return given
    if os.environ.get("VEILLE_SHARED"):
        return os.environ["VEILLE_SHARED"]
    return os.path.join(os.path.dirname(ROOT), "shared")


def items(shared):
    path = os.path.join(shared, "eval", "news", "corpus.jsonl.xz")
    if not os.path.exists(path):
        sys.exit(f"news_companies: {path} not found (the news set of ../shared/eval)")
    pool = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if TECH_PATH.search(re.sub(r"^https?://[^/]+", "", item["url"].lower())):
                pool.append(item)
    chosen = random.Random(SEED).sample(pool, COUNT)
    return sorted(chosen, key=lambda i: int(i["id"].split(":")[1]))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("action", choices=["items", "score"])
    p.add_argument("--shared")
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    a = p.parse_args()
    chosen = items(shared_dir(a.shared))
    if a.action == "items":
        for item in chosen:
            print(json.dumps(item, ensure_ascii=False))
        return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as f:
        for item in chosen:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    try:
        r = subprocess.run([os.path.join(a.build, "indexer", "veille-index"), "--gold",
                            os.path.join(HERE, "news_companies.jsonl"), f.name], text=True, capture_output=True)
        # The gold file has no topics or dates: only the company lines and their disagreements mean something.
        for line in r.stdout.splitlines():
            if line.startswith(("articles compared", "companies")) or "\tcompany\t" in line:
                print(line)
        sys.stderr.write(r.stderr)
        sys.exit(r.returncode)
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    main()
