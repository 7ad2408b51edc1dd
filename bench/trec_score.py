# trec_score.py — scores TREC run files as `trec_eval -c` does: recip_rank, ndcg_cut_10, recall_100.
"""One scorer for every engine's run, so that no engine is scored by its own code.

trec_eval's rules, kept here: a run is re-sorted by score descending, equal scores by docid descending
(byte order), whatever the rank column says; documents without a judgment count as non-relevant; a
relevant document has a grade ≥ 1 and the grade is its gain (log2(rank + 1) discount); the mean runs
over every topic of the qrels (-c), a topic without results scoring 0.
"""
import math
from collections import defaultdict

METRICS = ("recip_rank", "ndcg_cut_10", "recall_100")


def read_qrels(path):
    """qid → {docid: grade}."""
    qrels = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4:
                qrels[parts[0]][parts[2]] = int(parts[3])
    return dict(qrels)


def read_run(path):
    """qid → [docid, …] in trec_eval's order."""
    scored = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 5:
                # A docid listed twice keeps its first line, as a ranked list can hold a document once.
                scored[parts[0]].setdefault(parts[2], float(parts[4]))
    return {qid: [d for d, _ in sorted(docs.items(), key=lambda x: (x[1], x[0].encode()), reverse=True)]
            for qid, docs in scored.items()}


def topic_metrics(ranking, judged):
    grades = [judged.get(d, 0) for d in ranking]
    relevant = sum(1 for g in judged.values() if g >= 1)
    first = next((i for i, g in enumerate(grades) if g >= 1), None)
    # Negative grades (pooled, unjudged) are not gains; trec_eval's ndcg counts only positive ones.
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(grades[:10]) if g > 0)
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return {"recip_rank": 0.0 if first is None or first >= 100 else 1.0 / (first + 1),
            "ndcg_cut_10": dcg / idcg if idcg else 0.0,
            "recall_100": sum(1 for g in grades[:100] if g >= 1) / relevant if relevant else 0.0}


def score(run_path, qrels):
    """(means, per-topic) over the qrels' topics."""
    run = read_run(run_path)
    per_topic = {qid: topic_metrics(run.get(qid, []), judged) for qid, judged in qrels.items()}
    n = len(per_topic)
    means = {m: (sum(t[m] for t in per_topic.values()) / n if n else 0.0) for m in METRICS}
    return means, per_topic
