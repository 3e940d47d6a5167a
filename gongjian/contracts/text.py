"""Length-preserving normalisation of Chinese text for matching.

Offsets into the normalised text are offsets into the original, so evidence can quote the original spelling
(traditional characters, full-width digits) while rules are written once in simplified, half-width form.
"""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=8192)
def _normalise_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


@functools.lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # opencc is a core dependency; without it traditional text is matched as is
        return None
    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """Return ``text`` folded for matching, with exactly the same length.

    Full-width letters, digits and punctuation become half-width, traditional characters become simplified;
    any conversion that would change the length is skipped for that character.

    >>> normalise("本協議（第８條）約定５０％")
    '本协议(第8条)约定50%'
    >>> len(normalise("知識產權")) == 4
    True
    """
    folded = "".join(_normalise_char(ch) for ch in text)
    converter = _t2s()
    if converter is None:
        return folded
    simplified = converter.convert(folded)
    if len(simplified) == len(folded):
        return simplified
    return "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in folded)


_REGEX_META = set("()[]{}.*+?^$|\\")


def normalise_regex(pattern: str) -> str:
    r"""Return a regex that matches normalised text as ``pattern`` was meant to match the original.

    Full-width characters are folded like :func:`normalise` folds text; a folded character that is a regex
    metacharacter is escaped, so a full-width bracket stays a literal bracket.

    >>> normalise_regex("[^。；，]{0,6}（以下简称")
    '[^。;,]{0,6}\\(以下简称'
    """
    out = []
    for ch in pattern:
        folded = normalise(ch)
        if folded != ch and folded in _REGEX_META:
            out.append("\\" + folded)
        else:
            out.append(folded)
    return "".join(out)
