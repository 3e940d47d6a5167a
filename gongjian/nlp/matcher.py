"""Apply the library's patterns (cues, elements, defects, guards) to Chinese text.

Semantics, shared by the checker and by the tests generated from the library data:

* Text is normalised without changing its length (full-width → half-width where that is one character,
  traditional → simplified), so offsets into the normalised text are offsets into the original.
* A ``Pattern`` hits where its literal text (or regex) occurs; a hit is cancelled when it lies inside a match of
  one of its ``unless`` regexes (e.g. 约 inside 约定 / 违约).
* A ``Defect`` (or lexicon family, or prohibition) is judged per sentence: it fires when one of its
  ``patterns`` hits, one of its ``near`` patterns hits in the same sentence (if any are given) and none of its
  ``absent`` patterns hits in the same sentence.
* An ``Element`` is present in a stretch of text when one of its ``any_of`` patterns hits anywhere in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongjian.contracts.text import normalise, normalise_regex

if TYPE_CHECKING:
    from gongjian.clauses.schema import Pattern

# Sentence ends: 。！？；; and line breaks. A clause ends at the sentence; commas do not split.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# A full stop (not a semicolon): ``absent`` looks ahead to it, so a fallback after a semicolon
# (“协商确定；协商不成的，按……”) still cancels a deferral.
_FULL_STOP = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True)
class Hit:
    """One pattern hit: offsets into the text, the matched text and the pattern that fired."""

    start: int
    end: int
    text: str
    pattern: str


@dataclass(frozen=True)
class Guarded:
    """A hit dropped by a guard (for ``--explain``); ``match_rule`` gives its offsets in the text it searched."""

    hit: Hit
    guard: str


@functools.lru_cache(maxsize=4096)
def _compile(text: str, regex: bool) -> re.Pattern[str]:
    return re.compile(normalise_regex(text) if regex else re.escape(normalise(text)))


@functools.lru_cache(maxsize=4096)
def _literal(text: str) -> str:
    return normalise(text)


@functools.lru_cache(maxsize=4096)
def _compile_guard(text: str) -> re.Pattern[str]:
    return re.compile(normalise_regex(text))


WORD_BOUNDARY = "word-boundary"  # the guard of a ``word`` pattern whose hit is part of a longer word


def guard_reason(text: str, guarded: Guarded, context: int = 30) -> str:
    """Return, for a reader, why a hit in ``text`` was dropped: the longer wording around it that a guard names.

    >>> from gongjian.clauses.schema import Pattern
    >>> dropped = []
    >>> find(Pattern(text="约", unless=("约定",)), "双方约定如下", dropped)
    []
    >>> guard_reason("双方约定如下", dropped[0])
    '“约”在“约定”中，不算命中'
    """
    hit = guarded.hit
    if guarded.guard == WORD_BOUNDARY:
        return f"“{hit.text}”只是一个较长词语的一部分，不算命中"
    lo = max(0, hit.start - context)
    for m in _compile_guard(guarded.guard).finditer(text, lo, hit.end + context):
        if m.start() <= hit.start and hit.end <= m.end():
            return f"“{hit.text}”在“{m.group()}”中，不算命中"
    return f"“{hit.text}”被防误报规则排除"


def find(pattern: Pattern, text: str, explain: list[Guarded] | None = None) -> list[Hit]:
    """Return the hits of one pattern in already-normalised ``text``, guards applied.

    Args:
        pattern: the library pattern.
        text: normalised text (see :func:`normalise`).
        explain: if given, hits dropped by a guard are appended to it.
    """
    if not pattern.regex and _literal(pattern.text) not in text:  # cheap test before any regex work
        return []
    hits = []
    cuts = _boundaries(text) if pattern.word else None
    guards = None
    for m in _compile(pattern.text, pattern.regex).finditer(text):
        if m.end() == m.start():
            continue
        if guards is None:  # guard spans are computed once, and only when there is a hit
            guards = [(g, [m.span() for m in _compile_guard(g).finditer(text)]) for g in pattern.unless]
        hit = Hit(m.start(), m.end(), m.group(), pattern.text)
        guard = next((g for g, spans in guards if any(s <= hit.start and hit.end <= e for s, e in spans)), None)
        if guard is None and cuts is not None and not (hit.start in cuts and hit.end in cuts):
            guard = WORD_BOUNDARY
        if guard is None:
            hits.append(hit)
        elif explain is not None:
            explain.append(Guarded(hit, guard))
    return hits


@functools.lru_cache(maxsize=256)
def _boundaries(text: str) -> frozenset[int]:
    from gongjian.nlp.segment import boundaries

    return boundaries(text)


def find_any(patterns: Iterable[Pattern], text: str, explain: list[Guarded] | None = None) -> list[Hit]:
    """Return the hits of all patterns, sorted by position."""
    return sorted((h for p in patterns for h in find(p, text, explain)), key=lambda h: (h.start, h.end))


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` spans of the sentences of ``text[start:end]``, the end mark included.

    >>> t = "甲方负责。乙方配合；丙方验收"
    >>> [t[s:e] for s, e in sentences(t)]
    ['甲方负责。', '乙方配合；', '丙方验收']
    """
    end = len(text) if end is None else end
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[pos : m.end()].strip():
            yield pos, m.end()
        pos = m.end()
    if text[pos:end].strip():
        yield pos, end


@dataclass(frozen=True)
class SentenceMatch:
    """A sentence-level rule that fired: the sentence span and the hits that made it fire."""

    sentence_start: int
    sentence_end: int
    hits: tuple[Hit, ...]


_CONTEXT_SENSITIVE = re.compile(r"\^|\$|\(\?<|\(\?=|\(\?!|\\b|\\B|\\A|\\Z|\(\?m")


def _could_hit(pattern: Pattern, region: str) -> bool:
    """Return False only when ``pattern`` cannot hit in any sentence of ``region``.

    A literal, or a regex that looks at no context (anchors, lookbehind or lookahead, word boundaries), hits in a
    sentence only if it occurs in the whole region; anything else is assumed to possibly hit.

    >>> from gongjian.clauses.schema import Pattern
    >>> _could_hit(Pattern(text="另行协商"), "违约金由各方另行协商确定。")
    True
    >>> _could_hit(Pattern(text="视情况"), "违约金为5%。")
    False
    >>> _could_hit(Pattern(text="^甲方", regex=True), "乙方负责。甲方配合。")
    True
    >>> _could_hit(Pattern(text="另行(?!约定)", regex=True), "另行约定。")  # at a sentence's end it may hit
    True
    """
    if not pattern.regex:
        return _literal(pattern.text) in region
    if _CONTEXT_SENSITIVE.search(pattern.text):
        return True
    return _compile(pattern.text, True).search(region) is not None


def match_rule(
    patterns: Sequence[Pattern],
    text: str,
    *,
    near: Sequence[Pattern] = (),
    absent: Sequence[Pattern] = (),
    start: int = 0,
    end: int | None = None,
    explain: list[Guarded] | None = None,
) -> list[SentenceMatch]:
    """Return the sentences of ``text[start:end]`` where a sentence-level rule fires.

    ``text`` must already be normalised. The rule fires in a sentence when a pattern hits, a ``near`` pattern
    hits too (when any are given) and no ``absent`` pattern hits in the sentence or in the rest of the full
    sentence after a semicolon.
    """
    found = []
    limit = len(text) if end is None else end
    region = text[start:limit]
    if not any(_could_hit(p, region) for p in patterns):  # most rules do not fire in most regions
        return found
    for s, e in sentences(text, start, end):
        sentence = text[s:e]
        guarded: list[Guarded] | None = [] if explain is not None else None
        hits = find_any(patterns, sentence, guarded)
        if guarded:  # offsets into ``text``, as the hits of the rule
            explain += [Guarded(_shift(g.hit, s), g.guard) for g in guarded]  # type: ignore[operator]
        if not hits:
            continue
        if near and not find_any(near, sentence):
            continue
        stop = _FULL_STOP.search(text, e - 1, limit) if e > s else None
        tail = text[s : stop.end() if stop else limit]
        if absent and find_any(absent, tail):
            continue
        found.append(SentenceMatch(s, e, tuple(_shift(h, s) for h in hits)))
    return found


def _shift(hit: Hit, offset: int) -> Hit:
    return Hit(hit.start + offset, hit.end + offset, hit.text, hit.pattern)


def fires(rule, text: str) -> bool:
    """Return whether a defect, lexicon family or prohibition fires anywhere in raw ``text``.

    ``text`` is taken as the whole clause: a defect whose ``absent_in_clause`` pattern occurs in it does not fire,
    as in the checker (``detect.find_defects``).
    """
    folded = normalise(text)
    if find_any(getattr(rule, "absent_in_clause", ()), folded):
        return False
    return bool(
        match_rule(rule.patterns, folded, near=getattr(rule, "near", ()), absent=getattr(rule, "absent", ()))
    )


def has_element(element, text: str) -> bool:
    """Return whether raw ``text`` contains the element.

    One of its ``any_of`` patterns must hit and, when the element names a ``check``, that check must pass on the
    same text (e.g. ``percent_sum``: the shares stated add up to 100 %).
    """
    from gongjian.clauses.checks import CHECKS

    folded = normalise(text)
    if not find_any(element.any_of, folded):
        return False
    return element.check is None or CHECKS[element.check](folded)
