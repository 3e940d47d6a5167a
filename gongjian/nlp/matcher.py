r"""Apply the library's patterns (cues, elements, defects, guards) to Chinese text.

Semantics, shared by the checker and by the tests generated from the library data:

* Text is normalised without changing its length (full-width → half-width where that is one character,
  traditional → simplified), so offsets into the normalised text are offsets into the original.
* A ``Pattern`` hits where its literal text (or regex) occurs; a hit is cancelled when it lies inside a match of
  one of its ``unless`` regexes (e.g. 约 inside 约定 / 违约).
* A ``Defect`` (or lexicon family, or prohibition) is judged per sentence: it fires when one of its
  ``patterns`` hits, one of its ``near`` patterns hits in the same sentence (if any are given) and none of its
  ``absent`` patterns hits in the same sentence.
* An ``Element`` is present in a stretch of text when one of its ``any_of`` patterns hits anywhere in it.

Time grows linearly with the text (issue 13, item 11). Some library regexes backtrack super-linearly on
degenerate text — ``\d+(\.\d+)?\s*%`` is quadratic in a run of digits, the 及时 guard
``[^。；]*(?:\d+\s*…)[^。；]*`` cubic — so no pattern ever runs on more than ``limits.MAX_SENTENCE_CHARS``
characters: a longer sentence is read in pieces of that length (:func:`sentences`). Tests of a whole region
before matching it use the literals a regex cannot match without (:func:`required_literals`), not the regex.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongjian.contracts.text import normalise, normalise_regex
from gongjian.limits import MAX_RUN_CHARS, MAX_SENTENCE_CHARS

if TYPE_CHECKING:
    from gongjian.clauses.schema import Pattern

# Sentence ends: 。！？；; and line breaks. A clause ends at the sentence; commas do not split.
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
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


# A run of digits or Chinese numerals longer than any number (no amount, code or date has 33 digits).
_LONG_RUN = re.compile(rf"\d{{{MAX_RUN_CHARS + 1},}}|[〇零一二三四五六七八九十百千万两]{{{MAX_RUN_CHARS + 1},}}")


@functools.lru_cache(maxsize=256)
def _short_runs(text: str) -> str:
    """Return ``text`` with each run of digits or numerals cut to its last ``limits.MAX_RUN_CHARS`` (same length).

    The rest of the run becomes U+FFFC, which no pattern asks for: ``\\d+…%`` then backtracks over at most 32 digits
    from each start, not over the whole run (a run of 100,000 digits made it quadratic). Text without such a run
    (every real agreement) is returned as it is.
    """
    if _LONG_RUN.search(text) is None:
        return text
    return _LONG_RUN.sub(lambda m: "\ufffc" * (len(m.group()) - MAX_RUN_CHARS) + m.group()[-MAX_RUN_CHARS:], text)


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
    if pattern.regex and not _may_match(pattern.text, text):
        return []
    hits = []
    cuts = _boundaries(text) if pattern.word else None
    guards = None
    read = _short_runs(text)
    for m in _compile(pattern.text, pattern.regex).finditer(read):
        if m.end() == m.start():
            continue
        if guards is None:  # guard spans are computed once, and only when there is a hit
            guards = [(g, guard_spans(g, read)) for g in pattern.unless]
        hit = Hit(m.start(), m.end(), text[m.start() : m.end()], pattern.text)
        guard = next((g for g, spans in guards if any(s <= hit.start and hit.end <= e for s, e in spans)), None)
        if guard is None and cuts is not None and not (hit.start in cuts and hit.end in cuts):
            guard = WORD_BOUNDARY
        if guard is None:
            hits.append(hit)
        elif explain is not None:
            explain.append(Guarded(hit, guard))
    return hits


@functools.lru_cache(maxsize=4096)
def _clause_guard(guard: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    r"""Return (a run of the clause, the core) of a guard written ``[^S]*CORE[^S]*``, else None.

    Such a guard matches exactly the stretches between two marks of S that contain a match of CORE, provided CORE
    matches no mark of S, looks at no context and is never empty. Found so, stretch by stretch, instead of by
    the guard itself: ``[^。；]*(?:\d+\s*…(?:日|天))[^。；]*`` (the 及时 guard of the lexicon) backtracks cubically
    where a stretch holds digits and no unit.

    >>> _clause_guard(r"[^。；]*不得[^。；]{0,10}口头[^。；]*")[1].pattern
    '不得[^。;]{0,10}口头'
    >>> _clause_guard(r"[^。；]*.[^。；]*") is None  # the core could match 。
    True
    """
    import re._constants as c
    import re._parser as sre

    m = re.fullmatch(r"(\[\^([^\]\\\-]+)\]\*)(.+)\1", normalise_regex(guard))
    if m is None:
        return None
    marks, core = set(m.group(2)), m.group(3)
    try:
        tree = sre.parse(core)
    except re.error:
        return None
    if tree.getwidth()[0] < 1 or tree.state.flags & re.IGNORECASE:
        return None
    safe_categories = {c.CATEGORY_DIGIT, c.CATEGORY_SPACE, c.CATEGORY_UNI_DIGIT, c.CATEGORY_UNI_SPACE}

    def excludes_marks(items) -> bool:
        if items and items[0][0] is c.NEGATE:
            return all(any(o is c.LITERAL and chr(v) == ch for o, v in items[1:]) for ch in marks)
        for o, v in items:
            if o is c.LITERAL and chr(v) in marks:
                return False
            if o is c.RANGE and any(v[0] <= ord(ch) <= v[1] for ch in marks):
                return False
            if o is c.CATEGORY and v not in safe_categories or o not in (c.LITERAL, c.RANGE, c.CATEGORY):
                return False
        return True

    def safe(seq) -> bool:
        for op, av in seq:
            if op is c.LITERAL:
                ok = chr(av) not in marks
            elif op is c.IN:
                ok = excludes_marks(av)
            elif op is c.SUBPATTERN:
                ok = not av[1] and safe(av[-1])
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                ok = safe(av[2])
            elif op is c.BRANCH:
                ok = all(safe(b) for b in av[1])
            else:  # anchors, lookarounds, any character, back-references
                ok = False
            if not ok:
                return False
        return True

    if not safe(tree):
        return None
    return re.compile(m.group(1).replace("*", "+")), re.compile(core)


def guard_spans(guard: str, text: str) -> list[tuple[int, int]]:
    """Return the spans of the matches of a guard (an ``unless`` regex) in normalised ``text``."""
    clause = _clause_guard(guard)
    if clause is None:
        return [m.span() for m in _compile_guard(guard).finditer(text)]
    stretch, core = clause
    return [m.span() for m in stretch.finditer(text) if core.search(text, m.start(), m.end())]


@functools.lru_cache(maxsize=256)
def _boundaries(text: str) -> frozenset[int]:
    from gongjian.nlp.segment import boundaries

    return boundaries(text)


def find_any(patterns: Iterable[Pattern], text: str, explain: list[Guarded] | None = None) -> list[Hit]:
    """Return the hits of all patterns, sorted by position."""
    return sorted((h for p in patterns for h in find(p, text, explain)), key=lambda h: (h.start, h.end))


# Where a sentence too long to read whole is cut: after a comma, an enumeration mark or a space.
_PAUSE = re.compile(r"[，,、：:\s]")


def pieces(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS,
           at: re.Pattern[str] = _PAUSE) -> Iterator[tuple[int, int]]:
    """Yield spans covering ``text[start:end]`` of at most ``limit`` characters each.

    A span longer than ``limit`` is cut after the last match of ``at`` (a comma, an enumeration mark or a space)
    in its second half, or else at ``limit``.

    >>> [b - a for a, b in pieces("甲，" * 6, 0, 12, limit=5)]
    [4, 4, 4]
    """
    while end - start > limit:
        cut = start + limit
        for m in at.finditer(text, start + limit // 2, start + limit):
            cut = m.end()
        yield start, cut
        start = cut
    yield start, end


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` spans of the sentences of ``text[start:end]``, the end mark included.

    A sentence longer than ``limits.MAX_SENTENCE_CHARS`` (no real one is) comes in pieces (:func:`pieces`).

    >>> t = "甲方负责。乙方配合；丙方验收"
    >>> [t[s:e] for s, e in sentences(t)]
    ['甲方负责。', '乙方配合；', '丙方验收']
    """
    end = len(text) if end is None else end
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        if text[pos : m.end()].strip():
            yield from pieces(text, pos, m.end())
        pos = m.end()
    if text[pos:end].strip():
        yield from pieces(text, pos, end)


def chunks(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Yield spans of whole sentences of ``text``, each at most ``limit`` characters (a text that short: itself).

    For patterns that look at a whole stretch of text (elements): a text longer than ``limit`` is read in runs
    of sentences, cut where one sentence ends and the next begins.

    >>> t = "甲方负责。乙方配合。丙方验收。"
    >>> [t[s:e] for s, e in chunks(t, 10)]
    ['甲方负责。乙方配合。', '丙方验收。']
    """
    if len(text) <= limit:
        yield 0, len(text)
        return
    start = end = None
    for s, e in sentences(text):
        if start is None:
            start = s
        elif e - start > limit:
            yield start, end  # type: ignore[misc]
            start = s
        end = e
    if start is not None:
        yield start, end  # type: ignore[misc]


@dataclass(frozen=True)
class SentenceMatch:
    """A sentence-level rule that fired: the sentence span and the hits that made it fire."""

    sentence_start: int
    sentence_end: int
    hits: tuple[Hit, ...]


_CONTEXT_SENSITIVE = re.compile(r"\^|\$|\(\?<|\(\?=|\(\?!|\\b|\\B|\\A|\\Z|\(\?m")


def _could_hit(pattern: Pattern, region: str) -> bool:
    """Return False only when ``pattern`` cannot hit in any sentence of ``region``.

    A literal hits in a sentence only if it occurs in the whole region; a regex only if one of the literals it
    cannot match without does (:func:`required_literals`). The regex itself is never run on the whole region,
    which may be any length.

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
    return _may_match(pattern.text, region)


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
        bound = min(limit, e + MAX_SENTENCE_CHARS)  # the rest of the full sentence, read no further than a piece
        stop = _FULL_STOP.search(text, e - 1, bound) if e > s else None
        tail = text[s : stop.end() if stop else bound]
        if absent and find_any(absent, tail):
            continue
        found.append(SentenceMatch(s, e, tuple(_shift(h, s) for h in hits)))
    return found


@functools.lru_cache(maxsize=4096)
def required_literals(regex: str) -> tuple[str, ...] | None:
    r"""Return strings one of which every match of ``regex`` contains, or None when there are none to tell.

    Read from the parsed regex: a literal run, a group, a repetition at least once, an alternation whose every
    branch requires something, a small class of characters; lookarounds and anything optional require nothing.
    Of the candidates in sequence the longest is kept.

    >>> required_literals(r"\d+(\.\d+)?\s*(万元|亿元|%)")
    ('万元', '亿元', '%')
    >>> required_literals(r"(?m)^\s*(技术)?(委托|受托)方\s*[:：]")
    ('委托方', '受托方')
    >>> required_literals(r"\d+") is None
    True
    """
    import re._constants as c
    import re._parser as sre

    try:
        tree = sre.parse(normalise_regex(regex))
    except re.error:
        return None
    if tree.state.flags & re.IGNORECASE:
        return None

    def best(options: list[tuple[str, ...]]) -> tuple[str, ...] | None:
        return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)

    def of_node(node) -> tuple[tuple[str, ...] | None, bool]:
        """The node's requirement, and whether it is exact (every match of the node is one of the strings)."""
        op, av = node
        if op is c.LITERAL:
            return (chr(av),), True
        if op is c.IN and av and all(o is c.LITERAL for o, _ in av) and len(av) <= 8:
            return tuple(dict.fromkeys(chr(v) for _, v in av)), True
        if op is c.SUBPATTERN:
            return of_sequence(av[-1]) if not av[1] & re.IGNORECASE else (None, False)
        if op is c.ATOMIC_GROUP:
            return of_sequence(av)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            alts, exact = of_sequence(av[2])
            return alts, exact and av[0] == av[1] == 1
        if op is c.BRANCH:
            branches = [of_sequence(b) for b in av[1]]
            if any(alts is None for alts, _ in branches):
                return None, False
            return tuple(dict.fromkeys(x for alts, _ in branches for x in alts)), all(e for _, e in branches)
        return None, False

    def of_sequence(seq) -> tuple[tuple[str, ...] | None, bool]:
        """Exact requirements in a row join into longer ones (委托|受托 then 方: 委托方, 受托方)."""
        options: list[tuple[str, ...]] = []
        run: tuple[str, ...] | None = None
        whole = True  # the run so far is the whole sequence
        for node in seq:
            alts, exact = of_node(node)
            if alts is not None:
                options.append(alts)
            if alts is None or not exact:
                if run is not None:
                    options.append(run)
                run, whole = None, False
                continue
            joined = tuple(a + b for a in run for b in alts) if run is not None else alts
            if len(joined) > 16 and run is not None:
                options.append(run)
                joined, whole = alts, False
            run = joined
        if run is not None:
            options.append(run)
        if whole and run is not None:
            return run, True
        return best(options), False

    return of_sequence(tree)[0]


def _may_match(regex: str, text: str) -> bool:
    """Return False only when ``regex`` cannot match anywhere in ``text`` (none of its required literals is there)."""
    needed = required_literals(regex)
    return needed is None or any(n in text for n in needed)


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
