#!/usr/bin/python3
# doc_fragments.py — a known-item relevance set from Debian's French documentation: a remembered fragment → its page.
"""Builds a relevance set from the benchmark corpus (make_corpus.py base).

  doc_fragments.py BASE.jsonl OUTDIR [--topics 300] [--seed veille-docs]
      OUTDIR/corpus.jsonl   the documentation pages of BASE (LibreOffice, GIMP, man pages)
      OUTDIR/topics.tsv     each topic a run of 6 to 10 words copied from one page, as typed
      OUTDIR/topics-plain.tsv  the same runs in lower case without accents, as typed in a hurry
      OUTDIR/qrels.txt      every page whose text holds the run (the help repeats itself)

A person looking for a page they have read types what they remember of it. The run is taken inside a
sentence of at least 8 words, so it is prose, not a menu path; runs found in more than three pages are
boilerplate and drawn again. The draw is seeded: the same packages give the same set.
"""
import argparse
import json
import os
import random
import re
import unicodedata

DOC_SOURCES = {"Aide LibreOffice", "Aide GIMP", "Pages de manuel"}
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
WORD = re.compile(r"\S+")


def squash(s):
    return " ".join(s.split())


def plain(s):
    """Lower case, accents dropped: « Définir l'écran » → « definir l'ecran »."""
    decomposed = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fragment(body, rng):
    """A run of 6–10 words inside one sentence of at least 8 words, or None."""
    sentences = [w for w in (WORD.findall(s) for s in SENTENCE_END.split(body)) if len(w) >= 8]
    if not sentences:
        return None
    words = rng.choice(sentences)
    n = rng.randint(6, min(10, len(words)))
    start = rng.randint(0, len(words) - n)
    run = words[start:start + n]
    # Words of letters make a query a person would type; a run of options and paths would not be.
    if sum(1 for w in run if re.fullmatch(r"[\w'’\-]+[,.;:!?]?", w)) < n - 1:
        return None
    return " ".join(run).strip(" ,.;:!?")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base")
    ap.add_argument("outdir")
    ap.add_argument("--topics", type=int, default=300)
    ap.add_argument("--seed", default="veille-docs")
    a = ap.parse_args()

    docs = []
    with open(a.base, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("source") in DOC_SOURCES:
                docs.append(d)
    docs.sort(key=lambda d: d["id"])
    texts = [squash(d["title"] + " " + d["body"]) for d in docs]
    os.makedirs(a.outdir, exist_ok=True)
    with open(os.path.join(a.outdir, "corpus.jsonl"), "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")

    rng = random.Random(a.seed)
    topics, qrels, tries = [], [], 0
    while len(topics) < a.topics and tries < a.topics * 50:
        tries += 1
        doc = rng.randrange(len(docs))
        run = fragment(docs[doc]["body"], rng)
        if not run:
            continue
        holders = [i for i, t in enumerate(texts) if run in t]
        if doc not in holders or len(holders) > 3:
            continue
        qid = f"D{len(topics) + 1:04d}"
        topics.append((qid, run))
        qrels.extend((qid, docs[i]["id"]) for i in holders)

    with open(os.path.join(a.outdir, "topics.tsv"), "w", encoding="utf-8") as f:
        for qid, run in topics:
            f.write(f"{qid}\t{run}\n")
    with open(os.path.join(a.outdir, "topics-plain.tsv"), "w", encoding="utf-8") as f:
        for qid, run in topics:
            f.write(f"{qid}\t{plain(run)}\n")
    with open(os.path.join(a.outdir, "qrels.txt"), "w", encoding="utf-8") as f:
        for qid, doc_id in qrels:
            f.write(f"{qid} 0 {doc_id} 1\n")
    print(json.dumps({"pages": len(docs), "topics": len(topics), "judgments": len(qrels)}))


if __name__ == "__main__":
    main()
