"""Measure the checker against labelled documents (``corpus/LABELS.md`` format).

Per category and overall: precision and recall of the *missing* class (what a reviewer acts on), precision, recall
and F1 of *weak* (weak vs the rest), and the 3×3 confusion table of gold vs predicted status.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongjian.errors import DocumentUnreadable, UsageError

STATUSES = ("present", "weak", "missing")


@dataclass
class Tally:
    """Counts for one category (or overall)."""

    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) → n

    def add(self, gold: str, predicted: str) -> None:
        """Count one judgement."""
        self.confusion[(gold, predicted)] += 1

    def _prf(self, label: str) -> tuple[float | None, float | None, float | None, int]:
        tp = self.confusion[(label, label)]
        predicted = sum(n for (_, p), n in self.confusion.items() if p == label)
        gold = sum(n for (g, _), n in self.confusion.items() if g == label)
        precision = tp / predicted if predicted else None
        recall = tp / gold if gold else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision is not None and recall is not None and precision + recall else None)
        return precision, recall, f1, gold

    def metrics(self) -> dict[str, float | int | None]:
        """Return missing P/R and weak P/R/F1 with supports."""
        mp, mr, mf, mn = self._prf("missing")
        wp, wr, wf, wn = self._prf("weak")
        return {"missing_precision": mp, "missing_recall": mr, "missing_f1": mf, "missing_support": mn,
                "weak_precision": wp, "weak_recall": wr, "weak_f1": wf, "weak_support": wn,
                "n": sum(self.confusion.values())}


@dataclass
class Evaluation:
    """The result of an evaluation run."""

    overall: Tally
    per_category: dict[str, Tally]
    documents: int
    errors: list[tuple[str, str]]
    regime_hits: int
    regime_total: int
    negatives: int
    negative_false_alarms: int
    mistakes: list[tuple[str, str, str, str]]  # file, category, gold, predicted
    doc_types: list[tuple[str, str, str]] = field(default_factory=list)  # file, expected, predicted

    def to_dict(self) -> dict:
        """Return the JSON form."""
        return {
            "documents": self.documents,
            "overall": self.overall.metrics(),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.overall.confusion.items())},
            "per_category": {c: t.metrics() for c, t in sorted(self.per_category.items())},
            "regime_detection": {"correct": self.regime_hits, "total": self.regime_total},
            "document_type": {"correct": sum(expected_kind_ok(e, p) for _, e, p in self.doc_types),
                              "total": len(self.doc_types),
                              "wrong": [{"file": f, "expected": e, "predicted": p}
                                        for f, e, p in self.doc_types if not expected_kind_ok(e, p)]},
            "negatives": {"documents": self.negatives, "false_alarm_errors": self.negative_false_alarms},
            "errors": [{"file": f, "error": e} for f, e in self.errors],
            "mistakes": [{"file": f, "category": c, "gold": g, "predicted": p} for f, c, g, p in self.mistakes],
        }


#: What ``document_type.kind`` a labelled kind should get (LABELS.md kinds; “other” is not scored: it holds JV
#: founding contracts with technology chapters as well as service contracts).
EXPECTED_KIND = {"consortium-founding": "cooperation-agreement", "co-building": "cooperation-agreement",
                 "tech-development": "cooperation-agreement", "tech-transfer": "other-contract",
                 "negative": "not-cooperation"}


def expected_kind_ok(expected: str, predicted: str) -> bool:
    """Return whether a predicted document kind is what the label's kind expects."""
    if expected == "not-cooperation":
        return predicted != "cooperation-agreement"
    return predicted == expected


def read_labels(path: str | Path) -> list[dict]:
    """Read a labels file (one JSON object per line).

    Raises:
        DocumentUnreadable: the file is missing or a line is not JSON.
    """
    path = Path(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise DocumentUnreadable(f"无法读取标注文件：{path}", "检查路径") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DocumentUnreadable(f"{path.name} 第 {n} 行不是有效的 JSON：{exc.msg}") from exc
    return rows


def evaluate(rows: Iterable[dict], docs: str | Path, check: Callable, *, use_label_regimes: bool = False,
             progress: Callable[[str], None] | None = None) -> Evaluation:
    """Check every labelled document and compare statuses.

    Args:
        rows: label records.
        docs: the folder holding the documents.
        check: ``check(path, regimes) -> Report``.
        use_label_regimes: judge against the labelled regimes instead of detecting them.
        progress: called with each file name.
    """
    docs = Path(docs)
    if not docs.is_dir():
        raise UsageError(f"文档目录不存在：{docs}", "用 --docs 指定存放被标注文件的目录")
    overall, per_category = Tally(), defaultdict(Tally)
    errors, mistakes, doc_types = [], [], []
    regime_hits = regime_total = negatives = negative_alarms = documents = 0
    for row in rows:
        path = docs / row["file"]
        if progress:
            progress(row["file"])
        try:
            report = check(path, tuple(row.get("regimes") or ()) if use_label_regimes else ())
        except DocumentUnreadable as exc:
            errors.append((row["file"], exc.message))
            continue
        documents += 1
        if (expected := EXPECTED_KIND.get(row.get("kind", ""))) is not None:
            doc_types.append((row["file"], expected, report.document_type.get("kind", "")))
        if row.get("kind") == "negative":
            negatives += 1
            negative_alarms += sum(1 for f in report.findings if f.severity == "error")
        if not use_label_regimes:
            regime_total += 1
            regime_hits += set(report.regimes) == set(row.get("regimes") or ())
        predicted = {c.id: c.status for c in report.categories}
        for cid, gold in row.get("categories", {}).items():
            got = predicted.get(cid, "missing")
            overall.add(gold, got)
            per_category[cid].add(gold, got)
            if gold != got:
                mistakes.append((row["file"], cid, gold, got))
    return Evaluation(overall, dict(per_category), documents, errors, regime_hits, regime_total, negatives,
                      negative_alarms, mistakes, doc_types)


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "  —  "
    return f"{value:5.3f}" if isinstance(value, float) else f"{value:5d}"


def format_evaluation(ev: Evaluation, *, show_mistakes: bool = False) -> str:
    """Return the evaluation as a readable table."""
    head = (f"{'类别':6} {'缺失P':>6} {'缺失R':>6} {'缺失数':>5} {'弱P':>6} {'弱R':>6} {'弱F1':>6} {'弱数':>5}"
            f" {'样本':>5}")
    lines = [head, "-" * len(head)]
    for cid, tally in sorted(ev.per_category.items()):
        m = tally.metrics()
        lines.append(f"{cid:8} {_fmt(m['missing_precision'])} {_fmt(m['missing_recall'])} {_fmt(m['missing_support'])}"
                     f" {_fmt(m['weak_precision'])} {_fmt(m['weak_recall'])} {_fmt(m['weak_f1'])}"
                     f" {_fmt(m['weak_support'])} {_fmt(m['n'])}")
    m = ev.overall.metrics()
    lines.append("-" * len(head))
    lines.append(f"{'总体':6} {_fmt(m['missing_precision'])} {_fmt(m['missing_recall'])} {_fmt(m['missing_support'])}"
                 f" {_fmt(m['weak_precision'])} {_fmt(m['weak_recall'])} {_fmt(m['weak_f1'])}"
                 f" {_fmt(m['weak_support'])} {_fmt(m['n'])}")
    lines += ["", "混淆表（行：标注，列：判断）", f"{'':10}" + "".join(f"{s:>10}" for s in STATUSES)]
    for gold in STATUSES:
        lines.append(f"{gold:10}" + "".join(f"{ev.overall.confusion[(gold, p)]:>10}" for p in STATUSES))
    lines.append("")
    lines.append(f"文档 {ev.documents} 份；无法读取 {len(ev.errors)} 份")
    if ev.regime_total:
        lines.append(f"制度识别：{ev.regime_hits}/{ev.regime_total} 份与标注一致")
    if ev.doc_types:
        wrong = [(f, e, p) for f, e, p in ev.doc_types if not expected_kind_ok(e, p)]
        lines.append(f"文档类型：{len(ev.doc_types) - len(wrong)}/{len(ev.doc_types)} 份与标注一致"
                     + "".join(f"\n  {f}：应为 {e}，判为 {p}" for f, e, p in wrong))
    if ev.negatives:
        lines.append(f"反例（非合作协议）{ev.negatives} 份，错误级发现共 {ev.negative_false_alarms} 条")
    for file, err in ev.errors:
        lines.append(f"  无法读取 {file}：{err}")
    if show_mistakes:
        lines += ["", "判断与标注不一致："]
        lines += [f"  {f} {c}: 标注 {g}，判断 {p}" for f, c, g, p in ev.mistakes]
    return "\n".join(lines)
