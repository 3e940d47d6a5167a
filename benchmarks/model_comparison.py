"""Compare the shipped clause model (character n-gram logistic regression) with a spaCy textcat on the same data.

usage: .venv/bin/python benchmarks/model_comparison.py [--epochs N]

Both are trained on the same 80% of ``training/sentences`` (a fixed shuffle) for the 25 categories and scored on the
other 20%: micro precision / recall / F1 at each model's threshold (ours: the per-label out-of-fold thresholds the
training command chooses; spaCy: 0.5), training time, model size and load time. spaCy is not a dependency of
gongjian (``import spacy`` costs ~2 s, more than the cold-start budget of a check); install it in the venv to run
this script (``pip install "spacy>=3.8,<3.9"``). A held-out split of helper-written sentences is easier than real
agreements — the checker's own figures come from ``gongjian eval`` — but both models see the same split.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def split(records: list[dict]) -> tuple[list[dict], list[dict]]:
    shuffled = records[:]
    random.Random(0).shuffle(shuffled)
    cut = int(len(shuffled) * 0.8)
    return shuffled[:cut], shuffled[cut:]


def micro(gold: list[set[str]], pred: list[set[str]]) -> tuple[float, float, float]:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    npred = sum(len(p) for p in pred)
    ngold = sum(len(g) for g in gold)
    precision = tp / npred if npred else 0.0
    recall = tp / ngold if ngold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(train: list[dict], test: list[dict], labels: list[str]) -> dict:
    from gongjian.nlp import clause_model, train_model

    started = time.perf_counter()
    vocabulary, weights, bias, thresholds, info = train_model.train(train, labels, "comparison", log=lambda *a: None)
    seconds = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp())
    path = folder / "m.npz"
    clause_model.save_model(path, vocabulary, weights, bias, labels, thresholds, info)
    started = time.perf_counter()
    model = clause_model.read_model(path)
    load = time.perf_counter() - started
    scores = model.scores([r["text"] for r in test])
    pred = [{lab for j, lab in enumerate(labels) if row[j] >= model.thresholds[j]} for row in scores]
    size = path.stat().st_size
    shutil.rmtree(folder)
    return {"scores": micro([set(r.get("categories", [])) & set(labels) for r in test], pred), "train_s": seconds,
            "size_mb": size / 1e6, "load_s": load}


def spacy_textcat(train: list[dict], test: list[dict], labels: list[str], epochs: int) -> dict:
    import spacy
    from spacy.training import Example

    started = time.perf_counter()
    nlp = spacy.blank("zh")  # the character segmenter: no dictionary, nothing downloaded
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 3,
        "no_output_layer": False, "length": 262144}})
    for label in labels:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(r["text"]),
                                  {"cats": {lab: float(lab in r.get("categories", [])) for lab in labels}})
                for r in train]
    spacy.util.fix_random_seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        random.Random(0).shuffle(examples)
        for batch in spacy.util.minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer)
    seconds = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp())
    nlp.to_disk(folder / "textcat")
    size = sum(p.stat().st_size for p in (folder / "textcat").rglob("*") if p.is_file())
    started = time.perf_counter()
    loaded = spacy.load(folder / "textcat")
    load = time.perf_counter() - started
    pred = [{lab for lab, v in doc.cats.items() if v >= 0.5} for doc in loaded.pipe(r["text"] for r in test)]
    shutil.rmtree(folder)
    return {"scores": micro([set(r.get("categories", [])) & set(labels) for r in test], pred), "train_s": seconds,
            "size_mb": size / 1e6, "load_s": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    from gongjian.clauses.library import load_library
    from gongjian.nlp.train_model import DATA, read_examples

    records, _ = read_examples(DATA)
    train, test = split(records)
    labels = list(load_library().categories)
    try:
        import spacy  # noqa: F401
    except ImportError:
        print('spaCy is not installed: pip install "spacy>=3.8,<3.9" to run the comparison')
        sys.exit(2)
    print(f"{len(train)} training texts, {len(test)} held out, {len(labels)} category labels")
    for name, result in (("char n-gram logistic regression (shipped)", ours(train, test, labels)),
                         (f"spaCy textcat_multilabel BOW, {args.epochs} epochs", spacy_textcat(
                             train, test, labels, args.epochs))):
        p, r, f = result["scores"]
        print(f"{name}\n  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  train {result['train_s']:.1f} s  "
              f"size {result['size_mb']:.1f} MB  load {result['load_s']:.2f} s")


if __name__ == "__main__":
    main()
