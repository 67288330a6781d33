#!/usr/bin/python3
"""Reference values for Parley's agreement measures from independent implementations.

Builds a few small random corpora (fixed seed) and the edge cases (an annotator who found
nothing, nobody finding anything, a single unit), computes token categories the way
docs/agreement.md defines them, and takes
  - Cohen's kappa from sklearn.metrics.cohen_kappa_score,
  - Fleiss' kappa from statsmodels.stats.inter_rater.fleiss_kappa,
  - Krippendorff's alpha (nominal) from nltk.metrics.agreement.AnnotationTask.alpha,
  - relaxed span matches from scipy.sparse.csgraph.maximum_bipartite_matching,
  - exact span matches from collections.Counter,
then writes inputs and expected values to reference.json beside this script, which
tests/unit/core/agreement/reference.test.ts reads. Run by hand, not in CI:

    apt-get install -y python3-nltk python3-statsmodels python3-sklearn
    /usr/bin/python3 tests/reference/agreement/make_reference.py
    npx prettier --write tests/reference/agreement/reference.json
"""

import json
import math
import random
import re
import warnings
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np
import nltk
import scipy
import sklearn
import statsmodels
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

SEED = 20240611
TOKEN = re.compile(r"\w+|[^\w\s]")
WORDS = (
    "Kyiv Moscow talks peace ceasefire said would resume on Monday 12 March 2024 if only "
    "the troops withdraw Zelensky Putin Erdogan Istanbul “we” are ready , . ; : ( ) — - "
    "Київ переговори naïve café e\u0301 x² 😀 🇺🇦 don't co-operate 50% $3bn"
).split()


def utf16(text, offset):
    """UTF-16 offset of a code-point offset."""
    return len(text[:offset].encode("utf-16-le")) // 2


def make_text(rng, words):
    parts = []
    for _ in range(words):
        parts.append(rng.choice(WORDS))
        parts.append("\n" if rng.random() < 0.08 else " ")
    return "".join(parts).strip()


def token_boundaries(text):
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def gold_spans(rng, text, labels, count):
    """Spans in code points: half on token boundaries, half anywhere (covering tokens partly)."""
    tokens = token_boundaries(text)
    spans = []
    for _ in range(count):
        if rng.random() < 0.5:
            first = rng.randrange(len(tokens))
            last = min(len(tokens) - 1, first + rng.randrange(8))
            start, end = tokens[first][0], tokens[last][1]
        else:
            start = rng.randrange(len(text) - 1)
            end = min(len(text), start + 1 + rng.randrange(40))
        spans.append((start, end, rng.choice(labels)))
    return spans


def annotator_spans(rng, text, gold, labels):
    """A noisy copy of the gold spans: dropped, moved, relabelled and extra spans."""
    spans = []
    for start, end, label in gold:
        roll = rng.random()
        if roll < 0.12:
            continue
        if roll < 0.35:
            start = max(0, start + rng.randint(-4, 4))
            end = min(len(text), max(start + 1, end + rng.randint(-4, 4)))
        if rng.random() < 0.1:
            label = rng.choice(labels)
        spans.append((start, end, label))
    spans += gold_spans(rng, text, labels, rng.randrange(3))
    return spans


def categories(tokens, spans, labels):
    """Each token's category: the labels of spans covering it whole, sorted, joined by +, or O."""
    result = []
    for ts, te in tokens:
        held = sorted({label for s, e, label in spans if label in labels and s <= ts and te <= e})
        result.append("+".join(held) if held else "O")
    return result


def binary(values, label):
    return ["in" if label in value.split("+") else "out" for value in values]


def defined(value):
    """A library's figure, or None where the library itself gives NaN (0/0: undefined)."""
    value = float(value)
    return None if math.isnan(value) else value


def kappa_or_none(xs, ys):
    """scikit-learn's kappa; NaN (one category for both, p_e = 1) is undefined."""
    if not xs:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return defined(cohen_kappa_score(xs, ys))


def fleiss_or_none(rows):
    """rows: one list of categories per token, one per annotator. statsmodels' kappa; NaN is undefined."""
    if not rows:
        return None
    table, _ = aggregate_raters(np.array(rows, dtype=object))
    with np.errstate(divide="ignore", invalid="ignore"):
        return defined(fleiss_kappa(table, method="fleiss"))


def alpha_or_none(triples):
    """triples: (coder, item, value); items coded by one coder are not pairable. NLTK's alpha
    (which gives 1 when every pairable value is the same); None when nothing is pairable."""
    coders = Counter(item for _, item, _ in triples)
    pairable = [t for t in triples if coders[t[1]] >= 2]
    if not pairable:
        return None
    return float(AnnotationTask(data=pairable, distance=binary_distance).alpha())


def relaxed_matches(xs, ys):
    if not xs or not ys:
        return 0
    rows, cols = [], []
    for i, (s1, e1) in enumerate(xs):
        for j, (s2, e2) in enumerate(ys):
            if s1 < e2 and s2 < e1:
                rows.append(i)
                cols.append(j)
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(xs), len(ys)))
    return int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())


def match_figures(tp, reference, candidate):
    precision = tp / candidate if candidate else None
    recall = tp / reference if reference else None
    f1 = None
    if precision is not None and recall is not None:
        f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {"tp": tp, "fp": candidate - tp, "fn": reference - tp, "precision": precision, "recall": recall, "f1": f1}


def token_figures(docs, annotators, labels, cats, annotated):
    """Cohen per pair, Fleiss and alpha for the group, over `docs` (ids)."""
    def pair(a, b):
        shared = [d for d in docs if a in annotated[d] and b in annotated[d]]
        xs = [c for d in shared for c in cats[d][a]]
        ys = [c for d in shared for c in cats[d][b]]
        return {
            "a": a,
            "b": b,
            "documents": len(shared),
            "cohen": {"all": kappa_or_none(xs, ys), **{l: kappa_or_none(binary(xs, l), binary(ys, l)) for l in labels}},
        }

    complete = [d for d in docs if all(a in annotated[d] for a in annotators)]
    rows = [[cats[d][a][t] for a in annotators] for d in complete for t in range(len(cats[d][annotators[0]]))]
    triples = [(a, f"{d}#{t}", v) for d in docs for a in annotators if a in annotated[d] for t, v in enumerate(cats[d][a])]
    return {
        "pairwise": [pair(a, b) for a, b in combinations(annotators, 2)],
        "fleissDocuments": len(complete),
        "fleiss": {"all": fleiss_or_none(rows), **{l: fleiss_or_none([binary(r, l) for r in rows]) for l in labels}},
        "alpha": {
            "all": alpha_or_none(triples),
            **{l: alpha_or_none([(a, i, binary([v], l)[0]) for a, i, v in triples]) for l in labels},
        },
    }


def span_figures(docs, annotators, labels, spans, annotated):
    result = []
    for a, b in combinations(annotators, 2):
        shared = [d for d in docs if a in annotated[d] and b in annotated[d]]
        figures = {}
        for kind in ("exact", "relaxed"):
            per_label = {}
            for label in labels:
                tp = reference = candidate = 0
                for d in shared:
                    xs = [(s, e) for s, e, l in spans[d][a] if l == label]
                    ys = [(s, e) for s, e, l in spans[d][b] if l == label]
                    reference += len(xs)
                    candidate += len(ys)
                    tp += sum((Counter(xs) & Counter(ys)).values()) if kind == "exact" else relaxed_matches(xs, ys)
                per_label[label] = (tp, reference, candidate)
            figures[kind] = {
                "micro": match_figures(*[sum(c[i] for c in per_label.values()) for i in range(3)]),
                "perLabel": {label: match_figures(*counts) for label, counts in per_label.items()},
            }
        result.append({"a": a, "b": b, **figures})
    return result


def corpus(rng, name, annotators, labels, used_labels, doc_count, who_annotates):
    texts = {f"{name}-{i}": make_text(rng, rng.randrange(40, 110)) for i in range(doc_count)}
    annotated, spans = {}, {}
    for doc_id, text in texts.items():
        annotated[doc_id] = who_annotates(rng, doc_id)
        gold = gold_spans(rng, text, used_labels, rng.randrange(4, 12))
        spans[doc_id] = {a: annotator_spans(rng, text, gold, used_labels) if a in annotated[doc_id] else [] for a in annotators}
    return build(name, annotators, labels, texts, annotated, spans)


def edge_corpus(name, annotators, labels, texts, spans_of):
    """Every annotator annotated every document; spans_of(doc_id, text) gives {annotator: [(start,
    end, label)]} in code points (an annotator left out has no spans: "nothing here")."""
    annotated = {d: list(annotators) for d in texts}
    spans = {d: {a: spans_of(d, t).get(a, []) for a in annotators} for d, t in texts.items()}
    return build(name, annotators, labels, texts, annotated, spans)


def build(name, annotators, labels, texts, annotated, spans):
    cats = {
        d: {a: categories(token_boundaries(t), spans[d][a], labels) for a in annotators if a in annotated[d]}
        for d, t in texts.items()
    }
    docs = list(texts)
    input_spans = [
        {"docId": d, "annotator": a, "start": utf16(texts[d], s), "end": utf16(texts[d], e), "label": label}
        for d in docs
        for a in annotators
        for s, e, label in spans[d][a]
    ]
    return {
        "name": name,
        "input": {
            "documents": [{"id": d, "text": texts[d]} for d in docs],
            "annotators": annotators,
            "labels": labels,
            "spans": input_spans,
            "annotated": {d: [a for a in annotators if a in annotated[d]] for d in docs},
        },
        "expected": {
            "tokens": sum(len(token_boundaries(t)) for t in texts.values()),
            **token_figures(docs, annotators, labels, cats, annotated),
            "spans": span_figures(docs, annotators, labels, spans, annotated),
            "perDocument": [
                {"docId": d, "tokens": len(token_boundaries(texts[d])), **token_figures([d], annotators, labels, cats, annotated)}
                for d in docs
            ],
        },
    }


def main():
    rng = random.Random(SEED)
    labels = ["quote", "precondition", "date"]
    everyone = lambda names: (lambda rng, doc: list(names))
    four = ["ann", "bob", "cy", "dee"]

    def some_of_four(rng, doc):
        # The first document has everyone (so Fleiss has data); the others two to four annotators.
        return four if doc.endswith("-0") else sorted(rng.sample(four, rng.randrange(2, 5)), key=four.index)

    corpora = [
        corpus(rng, "three-complete", ["ann", "bob", "cy"], labels, labels, 5, everyone(["ann", "bob", "cy"])),
        corpus(rng, "four-missing", four, labels, labels, 7, some_of_four),
        corpus(rng, "two-unused-label", ["ann", "bob"], labels + ["person"], labels, 3, everyone(["ann", "bob"])),
    ]
    # The edge cases: an annotator who found nothing, nobody finding anything, a single unit.
    one_text = {"edge-0": "Peskov said talks with Kyiv resume in May. Zelensky answered on 12 March: “only if the troops withdraw.”"}
    two_texts = {**one_text, "edge-1": "Nothing new today, the spokesman said."}

    def at(text, covered, label):
        start = text.index(covered)
        return (start, start + len(covered), label)

    corpora += [
        edge_corpus(
            "one-empty",
            ["ann", "bob"],
            labels,
            two_texts,
            lambda d, t: {"ann": [at(t, "talks with Kyiv resume", "quote"), at(t, "May", "date")]} if d == "edge-0" else {},
        ),
        edge_corpus("both-empty", ["ann", "bob"], labels, two_texts, lambda d, t: {}),
        edge_corpus("all-agree-on-nothing", ["ann", "bob", "cy"], labels, one_text, lambda d, t: {}),
        edge_corpus(
            "single-unit",
            ["ann", "bob"],
            labels,
            one_text,
            lambda d, t: {"ann": [at(t, "12 March", "date")], "bob": [at(t, "12 March", "date")]},
        ),
        edge_corpus("single-unit-one-side", ["ann", "bob"], labels, one_text, lambda d, t: {"ann": [at(t, "May", "date")]}),
    ]
    out = {
        "generatedBy": "tests/reference/agreement/make_reference.py",
        "seed": SEED,
        "versions": {
            "nltk": nltk.__version__,
            "scikit-learn": sklearn.__version__,
            "statsmodels": statsmodels.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
        },
        "corpora": corpora,
    }
    path = Path(__file__).with_name("reference.json")
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
