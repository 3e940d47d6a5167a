"""Train the clause model from the sentences in ``training/`` (one command, deterministic).

Usage (from the repository root, with the ``[train]`` extra installed)::

    python -m gongjian.nlp.train_model            # writes gongjian/nlp/data/clause_model.npz
    python -m gongjian.nlp.train_model --check    # trains in memory, compares with the shipped model

Each label (25 categories and every element of the library) gets one L2-regularised logistic regression on binary
character 1–3-grams (:func:`gongjian.nlp.clause_model.prepare`). Thresholds are chosen per label on out-of-fold
predictions (5 folds): the lowest threshold whose out-of-fold precision reaches ``TARGET_PRECISION``, never below
``MIN_THRESHOLD`` — the model adds what the rules miss, so a false placement (which would hide a missing clause)
costs more than a miss. Labels with fewer than ``MIN_POSITIVES`` training texts get no model (threshold 2.0).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from gongjian.nlp.clause_model import MAX_N, ngrams, prepare, read_model, save_model

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "training" / "sentences"
OUT = Path(__file__).resolve().parent / "data" / "clause_model.npz"
MIN_DF = 2
MIN_POSITIVES = 6
C = 4.0
FOLDS = 5
#: Out-of-fold precision a label's threshold must reach: higher for categories (a false placement hides a missing
#: clause) than for elements (a false element only drops a suggestion or a regime-demanded weakness).
TARGET_PRECISION = {"category": 0.9, "element": 0.9}
MIN_THRESHOLD = 0.5
NEVER = 2.0


def read_examples(folder: Path = DATA) -> tuple[list[dict], str]:
    """Return the training records of every ``*.jsonl`` file in ``folder`` and the SHA-256 of their bytes."""
    digest = hashlib.sha256()
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        for n, line in enumerate(raw.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path.name}:{n}: 不是有效的 JSON：{exc}") from exc
            if not isinstance(rec.get("text"), str) or not rec["text"].strip():
                raise SystemExit(f"{path.name}:{n}: 缺少 text")
            records.append(rec)
    return records, digest.hexdigest()


def label_names() -> list[str]:
    """Return the labels the model scores: the library's categories, then its elements."""
    from gongjian.clauses.library import load_library

    library = load_library()
    labels = list(library.categories)
    for cat in library.categories.values():
        labels += [e.id for e in cat.elements]
    return labels


def _threshold(y, p, target: float) -> tuple[float, dict]:
    import numpy as np

    best = NEVER
    for t in np.arange(MIN_THRESHOLD, 0.96, 0.05):
        pred = p >= t
        if pred.sum() == 0:
            break
        precision = (pred & y).sum() / pred.sum()
        if precision >= target:
            best = float(round(t, 2))
            break
    pred = p >= best
    tp = int((pred & y).sum())
    stats = {"positives": int(y.sum()), "oof_precision": round(tp / pred.sum(), 3) if pred.sum() else None,
             "oof_recall": round(tp / y.sum(), 3) if y.sum() else None}
    return best, stats


def train(records: list[dict], labels: list[str], digest: str, *, log=print):
    """Train and return (vocabulary, weights, bias, thresholds, info)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    started = time.perf_counter()
    grams = [ngrams(prepare(r["text"]), MAX_N) for r in records]
    df: dict[str, int] = {}
    for g in grams:
        for x in g:
            df[x] = df.get(x, 0) + 1
    vocabulary = sorted(x for x, n in df.items() if n >= MIN_DF)
    index = {x: i for i, x in enumerate(vocabulary)}
    rows, cols = [], []
    for r, g in enumerate(grams):
        for x in g:
            if (i := index.get(x)) is not None:
                rows.append(r)
                cols.append(i)
    features = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(records), len(vocabulary)))
    targets = np.zeros((len(records), len(labels)), dtype=bool)
    col = {label: i for i, label in enumerate(labels)}
    for r, rec in enumerate(records):
        for label in [*rec.get("categories", []), *rec.get("elements", [])]:
            if label in col:
                targets[r, col[label]] = True
    weights = np.zeros((len(vocabulary), len(labels)), dtype=np.float32)
    bias = np.full(len(labels), -20.0, dtype=np.float32)
    thresholds = np.full(len(labels), NEVER, dtype=np.float32)
    folds = list(KFold(FOLDS, shuffle=True, random_state=0).split(features))
    per_label = {}
    for j, label in enumerate(labels):
        y = targets[:, j]
        if y.sum() < MIN_POSITIVES:
            per_label[label] = {"positives": int(y.sum()), "note": "too few examples: no model"}
            continue
        oof = np.zeros(len(records))
        for tr, te in folds:
            if y[tr].sum() == 0:
                continue
            clf = LogisticRegression(C=C, solver="liblinear", random_state=0).fit(features[tr], y[tr])
            oof[te] = clf.predict_proba(features[te])[:, 1]
        target = TARGET_PRECISION["element" if "." in label else "category"]
        thresholds[j], per_label[label] = _threshold(y, oof, target)
        clf = LogisticRegression(C=C, solver="liblinear", random_state=0).fit(features, y)
        weights[:, j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
        log(f"{label:8} 正例 {int(y.sum()):4}  阈值 {thresholds[j]:.2f}  "
            f"P {per_label[label].get('oof_precision')}  R {per_label[label].get('oof_recall')}")
    # Keep only n-grams that carry weight somewhere (smaller file, same scores).
    keep = np.abs(weights).max(axis=1) >= 1e-3
    vocabulary = [v for v, k in zip(vocabulary, keep, strict=True) if k]
    weights = weights[keep]
    info = {"data_sha256": digest, "examples": len(records), "features": len(vocabulary), "max_n": MAX_N,
            "min_df": MIN_DF, "C": C, "folds": FOLDS, "target_precision": TARGET_PRECISION,
            "labels": per_label}
    log(f"训练用时 {time.perf_counter() - started:.1f} 秒")
    return vocabulary, weights, bias, thresholds, info


def main(argv: list[str] | None = None) -> int:
    """Train the model and write it (or, with --check, compare with the shipped one)."""
    parser = argparse.ArgumentParser(prog="python -m gongjian.nlp.train_model", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="训练数据文件夹（*.jsonl）")
    parser.add_argument("-o", "--output", type=Path, default=OUT, help="模型文件（.npz）")
    parser.add_argument("--check", action="store_true", help="只训练并与已有模型比较，不写文件")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    records, digest = read_examples(args.data)
    if not records:
        print(f"错误：{args.data} 中没有训练数据", file=sys.stderr)
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("错误：训练需要 scikit-learn。请先安装训练依赖：.venv/bin/pip install -e '.[train]'", file=sys.stderr)
        return 2
    if args.check and not args.output.is_file():
        print(f"错误：没有可比较的模型文件 {args.output}；请先不带 --check 运行一次训练", file=sys.stderr)
        return 2
    labels = label_names()
    vocabulary, weights, bias, thresholds, info = train(records, labels, digest,
                                                        log=(lambda *a: None) if args.quiet else print)
    if args.check:
        import numpy as np

        shipped = read_model(args.output)
        same = (list(shipped.vocabulary) == vocabulary and shipped.labels == tuple(labels)
                and np.array_equal(shipped.weights, np.asarray(weights, dtype=np.float16))
                and np.array_equal(shipped.thresholds, thresholds))
        print("与已发布的模型一致" if same else "与已发布的模型不一致：请重新训练并提交")
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_suffix(".tmp.npz")
    save_model(tmp, vocabulary, weights, bias, labels, thresholds, info)
    tmp.replace(args.output)
    size = args.output.stat().st_size / 1e6
    print(f"已写入 {args.output}（{size:.1f} MB；{len(records)} 条训练文本，{len(vocabulary)} 个特征，"
          f"{sum(1 for t in thresholds if t < NEVER)}/{len(labels)} 个标签有模型）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
