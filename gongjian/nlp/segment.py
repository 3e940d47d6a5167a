"""Chinese word segmentation with a private jieba tokenizer that knows the clause library's terms.

jieba is imported lazily (its dictionary costs about 1.5 s to load), and a private ``jieba.Tokenizer`` is used so
the process-wide default tokenizer is never changed. Every multi-character literal of the library (cues, element
and defect phrases) is added as a word, so segmentation never splits a term such as 法定代表人 or 仲裁委员会.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

from gongjian.errors import MissingDependency

log = logging.getLogger(__name__)

#: Terms every agreement uses that jieba's default dictionary splits (dependency-notes §2).
DOMAIN_TERMS = (
    "牵头单位", "成员单位", "参与单位", "核心层单位", "合作单位", "应用单位", "依托单位", "运行主体",
    "法定代表人", "授权代表", "统一社会信用代码", "仲裁委员会", "合同专用章", "公章", "签字", "盖章",
    "创新联合体", "产业创新联合体", "技术创新中心", "产业创新中心", "融合创新中心", "理事会", "理事长",
    "专家委员会", "专家咨询委员会", "首席专家", "首席科学家", "技术负责人", "行政负责人",
    "背景知识产权", "前景知识产权", "知识产权", "专利申请权", "技术秘密", "后续改进", "普通许可", "独占许可",
    "排他许可", "净收入", "违约金", "违约责任", "守约方", "违约方", "不可抗力", "清算小组", "补充协议",
    "科研诚信", "科研失信", "财政资金", "另行协商", "另行约定", "另行商定", "视情况而定", "原则上",
)


def _jieba():
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - jieba is a core dependency
        raise MissingDependency("jieba") from exc
    jieba.setLogLevel(logging.WARNING)
    return jieba


def build_tokenizer(words: Iterable[str] = ()):
    """Return a private, initialised jieba tokenizer that knows ``words`` and the domain terms.

    Args:
        words: extra terms, e.g. every multi-character literal of the clause library.
    """
    jieba = _jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in {*DOMAIN_TERMS, *words}:
        if len(word) >= 2:
            tokenizer.add_word(word, freq=100000)
    return tokenizer


def library_terms(library) -> list[str]:
    """Return the multi-character literal terms of a clause library (cues, elements, defects, lexicon)."""
    from gongjian.clauses.library import iter_patterns

    return sorted({p.text for _, p in iter_patterns(library) if not p.regex and len(p.text) >= 2})


@functools.lru_cache(maxsize=1)
def default_tokenizer():
    """Return the process-wide private tokenizer built from the packaged library (built once, lazily)."""
    from gongjian.clauses.library import load_library

    return build_tokenizer(library_terms(load_library()))


def tokenize(text: str, tokenizer=None) -> list[tuple[str, int, int]]:
    """Return ``(word, start, end)`` for every token of ``text``.

    >>> [w for w, _, _ in tokenize("其法定代表人为张伟", build_tokenizer())]
    ['其', '法定代表人', '为', '张伟']
    """
    tokenizer = tokenizer or default_tokenizer()
    return [(w, s, e) for w, s, e in tokenizer.tokenize(text, HMM=True)]


def boundaries(text: str, tokenizer=None) -> frozenset[int]:
    """Return the set of offsets where a token starts or ends."""
    return frozenset(x for _, s, e in tokenize(text, tokenizer) for x in (s, e))
