"""The learned layer beside the rules: a multi-label clause classifier over character n-grams.

A sentence is scored for the 25 categories and for every category's elements by one linear model per label
(logistic regression on binary character 1–3-grams of the normalised sentence, digits and party designations
masked). It is trained here (``python -m gongjian.nlp.train_model``) from the sentences in ``training/`` — written
from the category definitions by people who never saw the rules — and shipped as package data
(``nlp/data/clause_model.npz``); scoring needs numpy only, so ``gongjian check`` does not pay spaCy's import.

The rules keep what they are good at (defects, guards, exact evidence, explanations); a category is placed and
an element found when the rules *or* the model say so, with each label's threshold chosen on held-out folds of the
training data (stored in the model file).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from gongjian.contracts.text import normalise
from gongjian.nlp.matcher import pieces

#: Where the shipped model lives (package data).
MODEL_RESOURCE = ("gongjian.nlp", "data/clause_model.npz")
#: Longest n-gram.
MAX_N = 3

_PARTY = re.compile(r"[甲乙丙丁戊己庚辛壬癸]方")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"[\s\u3000]+")
_SENTENCE_END = re.compile(r"[。;!?；！？\n]")


def prepare(text: str) -> str:
    """Return the form of a text the model sees: normalised, digits and party designations masked.

    >>> prepare("甲方占 30%，乙方占７０％。")
    '某方占0%,某方占0%。'
    """
    norm = normalise(text)
    norm = _SPACE.sub("", norm)
    norm = _PARTY.sub("某方", norm)
    return _DIGITS.sub("0", norm)


def ngrams(text: str, max_n: int = MAX_N) -> set[str]:
    """Return the set of character 1…max_n-grams of a prepared text (with ^ and $ marking its ends).

    >>> sorted(ngrams("保密", 2))
    ['^保', '保', '保密', '密', '密$']
    """
    padded = f"^{text}$"
    grams = set()
    for n in range(1, max_n + 1):
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            if gram not in ("^", "$"):
                grams.add(gram)
    return grams


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of ``text`` (ended by 。；！？ or a line break).

    A sentence longer than ``limits.MAX_SENTENCE_CHARS`` (none of the training data is) is scored in pieces, as the
    rules read it (``matcher.pieces``).

    >>> t = "第一条 保密。各方应保密；期限五年。"
    >>> [t[s:e] for s, e in sentences(t)]
    ['第一条 保密。', '各方应保密；', '期限五年。']
    """
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(normalise(text)):
        if text[pos : m.end()].strip():
            spans += pieces(text, pos, m.end())
        pos = m.end()
    if text[pos:].strip():
        spans += pieces(text, pos, len(text))
    return spans


@dataclass(frozen=True)
class ClauseModel:
    """A trained model: vocabulary, weights, biases, labels and per-label thresholds."""

    vocabulary: dict[str, int]
    weights: object  # numpy array (float16), vocabulary × labels
    bias: object  # numpy array, labels
    labels: tuple[str, ...]
    thresholds: object  # numpy array, labels
    info: dict

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Return the column of each label."""
        return {label: i for i, label in enumerate(self.labels)}

    def scores(self, texts: Sequence[str]):
        """Return the probability of every label for every text (rows follow ``texts``)."""
        import numpy as np

        out = np.empty((len(texts), len(self.labels)), dtype=np.float32)
        vocab = self.vocabulary
        for row, text in enumerate(texts):
            idx = [i for g in ngrams(prepare(text), self.max_n) if (i := vocab.get(g)) is not None]
            logits = self.weights[idx].sum(axis=0, dtype=np.float32) + self.bias if idx else self.bias
            out[row] = logits
        return 1.0 / (1.0 + np.exp(-out))

    @functools.cached_property
    def max_n(self) -> int:
        """Return the longest n-gram the model was trained on."""
        return int(self.info.get("max_n", MAX_N))

    def threshold(self, label: str) -> float:
        """Return the decision threshold of a label."""
        return float(self.thresholds[self.index[label]])

    def predict(self, text: str) -> dict[str, float]:
        """Return the labels a text is predicted to carry, with their probabilities (best first)."""
        row = self.scores([text])[0]
        hits = {label: float(row[i]) for i, label in enumerate(self.labels) if row[i] >= self.thresholds[i]}
        return dict(sorted(hits.items(), key=lambda kv: -kv[1]))


def save_model(path, vocabulary: Iterable[str], weights, bias, labels: Sequence[str], thresholds,
               info: dict) -> None:
    """Write a model file (numpy .npz, weights as float16; not compressed: it loads ~10× faster at check time)."""
    import json

    import numpy as np

    np.savez(
        path,
        vocabulary=np.array("\n".join(vocabulary)),
        weights=np.asarray(weights, dtype=np.float16),
        bias=np.asarray(bias, dtype=np.float32),
        labels=np.array("\n".join(labels)),
        thresholds=np.asarray(thresholds, dtype=np.float32),
        info=np.array(json.dumps(info, ensure_ascii=False, sort_keys=True)),
    )


def read_model(path) -> ClauseModel:
    """Read a model file written by :func:`save_model`."""
    import json

    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        vocab = str(data["vocabulary"]).split("\n")
        return ClauseModel(
            vocabulary={g: i for i, g in enumerate(vocab)},
            weights=data["weights"],  # float16; rows are summed in float32 (ClauseModel.scores)
            bias=data["bias"],
            labels=tuple(str(data["labels"]).split("\n")),
            thresholds=data["thresholds"],
            info=json.loads(str(data["info"])),
        )


@functools.lru_cache(maxsize=1)
def load_model() -> ClauseModel | None:
    """Return the shipped model, loaded once; None when numpy or the model file is not there."""
    try:
        import numpy  # noqa: F401
    except ImportError:  # numpy is a core dependency; without it the rules work alone
        return None
    resource = resources.files(MODEL_RESOURCE[0]).joinpath(MODEL_RESOURCE[1])
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return read_model(path)


class DocumentScores:
    """The model's scores for every sentence of one document, computed once and read by every detector."""

    def __init__(self, model: ClauseModel, text: str):
        self.model = model
        self.spans = sentences(text)
        self._starts = [s for s, _ in self.spans]
        self._ends = [e for _, e in self.spans]
        self.matrix = model.scores([text[s:e] for s, e in self.spans]) if self.spans else None

    def best(self, label: str, start: int, end: int) -> tuple[float, tuple[int, int] | None]:
        """Return the highest score of ``label`` over the sentences inside [start, end), and that sentence."""
        if self.matrix is None or label not in self.model.index:
            return 0.0, None
        # Sentences that overlap [start, end): those ending after start and starting before end.
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end)
        if first >= last:
            return 0.0, None
        column = self.matrix[first:last, self.model.index[label]]
        row = int(column.argmax())
        return float(column[row]), self.spans[first + row]

    def run(self, label: str, where: tuple[int, int], start: int, end: int) -> tuple[int, int]:
        """Return the span of the consecutive sentences around ``where`` inside [start, end) that reach the threshold.

        That run is the clause the model reads in a paragraph that runs several clauses together.
        """
        if self.matrix is None or label not in self.model.index:
            return where
        column, threshold = self.matrix[:, self.model.index[label]], self.model.threshold(label)
        i = bisect.bisect_left(self._starts, where[0])
        first = last = i
        while first > 0 and self._starts[first - 1] >= start and column[first - 1] >= threshold:
            first -= 1
        while last + 1 < len(self.spans) and self._ends[last + 1] <= end and column[last + 1] >= threshold:
            last += 1
        return self._starts[first], self._ends[last]

    def fires(self, label: str, start: int, end: int) -> tuple[float, tuple[int, int]] | None:
        """Return (score, sentence) when some sentence in [start, end) reaches the label's threshold."""
        score, where = self.best(label, start, end)
        if where is not None and score >= self.model.threshold(label):
            return score, where
        return None
