"""No memorised corpus: no sentence of the dev corpus or of the validation set in the library or the training data.

The checker is judged on agreements nobody here has seen. A rule whose example is a sentence of the corpus, or a
model trained on a sentence of the validation set, measures memory instead of generalisation (issue 11).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gongjian.clauses.library import load_library

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
VALIDATION = ROOT / "validation" / "agreements"
#: Studied to find misfires, but rules are written for the meaning: their sentences do not enter the library either.
#: (``agreements-2`` was the validation set until a new blind set replaced it.)
TUNING = ROOT / "tuning"
TRAINING = ROOT / "training" / "sentences"
#: A whole sentence (or heading) of this many characters is text, not a word: shorter ones (“鉴于：”, “第五条”)
#: are formulas every agreement shares.
MIN_CHARS = 8
_SPLIT = re.compile(r"[。；;！？!?\n]")
_SPACE = re.compile(r"[\s\u3000]+")


def _sentences(text: str) -> set[str]:
    return {s for part in _SPLIT.split(text) if len(s := _SPACE.sub("", part).strip("，,：:")) >= MIN_CHARS}


def _haystack(folder: Path) -> str:
    """Return the text of every labelled document under ``folder`` (.txt, .docx, .pdf), without white space."""
    from gongjian.nlp.reading import read_document

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    texts += [read_document(p).text for ext in ("*.docx", "*.pdf") for p in sorted(folder.rglob(ext))]
    return "\n".join(_SPACE.sub("", t) for t in texts)


def library_texts() -> list[tuple[str, str]]:
    """Return (record id, text) for every example, non-example and drafting text of the library."""
    library = load_library()
    out = []
    for cat in library.categories.values():
        for rec in (*cat.elements, *cat.defects):
            out += [(rec.id, t) for t in (*rec.examples, *rec.not_examples)]
    for fam in library.lexicon.families:
        out += [(f"L.{fam.id}", t) for t in (*fam.examples, *fam.not_examples)]
    return out


def training_texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted(TRAINING.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{path.name}:{n}", json.loads(line)["text"]))
    return out


def _spec_sentences() -> set[str]:
    """Return the sentences of the spec's W01–W20 / S01–S20 (tests/data/spec_examples.yaml).

    DESIGN.md makes them library examples verbatim; the dev agreements were written from the same spec, so sharing
    them is the spec's text, not the corpus's.
    """
    import yaml

    data = yaml.safe_load((ROOT / "tests" / "data" / "spec_examples.yaml").read_text(encoding="utf-8"))
    return {s for item in data.values() for s in _sentences(item["text"])}


def _copied(texts: list[tuple[str, str]], haystack: str) -> list[str]:
    spec = _spec_sentences()
    return [f"{rid}: {s}" for rid, text in texts for s in _sentences(text) if s in haystack and s not in spec]


def test_validation_and_tuning_sets_are_not_in_library_or_training():
    assert VALIDATION.is_dir() and TUNING.is_dir(), "validation/agreements 或 tuning/agreements 不存在"
    haystack = _haystack(VALIDATION) + "\n" + _haystack(TUNING)
    copied = _copied(library_texts() + training_texts(), haystack)
    assert not copied, "验证集或调试集的句子出现在条款库示例或训练数据中：\n" + "\n".join(copied[:20])


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus 不在本机（用户的克隆）")
def test_dev_corpus_is_not_in_library_or_training():
    haystack = _haystack(SHARED_CORPUS)
    copied = _copied(library_texts() + training_texts(), haystack)
    assert not copied, f"开发语料的句子（{len(copied)} 句）出现在条款库示例或训练数据中：\n" + "\n".join(copied[:40])
