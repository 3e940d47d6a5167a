"""How a report cites its legal basis: policies by their title, statutes in book-title marks.

The library's data keeps the spec's citation style (clause spec §0.1): a policy is cited by its file name and its
own article path (``004_552c305ebc467d0d.txt 五(一)2``; the validator checks the file names against
``policies/``), a statute by its short name and article (``民法典 第八百六十条``, ``促进法 第四十条``). A lawyer reads
``《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2`` and ``《民法典》第八百六十条``.
:func:`cite` converts one basis string (the titles come from the regimes' ``policy_file`` and ``name``);
``ClauseLibrary.cite`` / ``ClauseLibrary.cite_basis`` are the entry points that know the titles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_POLICY_FILE = re.compile(r"(\d{3}_[0-9a-f]{16}\.txt)\s*")
_PARTS = re.compile(r"\s*[;；]\s*")
_LIST = re.compile(r"\s*[,，]\s*")
#: A statute written bare: a name (not a standard's code such as GB 32100-2015), an optional note such as
#: （2019年修正）, a space, then the article.
_STATUTE = re.compile(r"^(?P<name>[^\s《》0-9A-Za-z][^\s《》（]*?)(?P<note>（[^）]*）)?\s+(?P<article>第\S.*)$")

#: The short names of the data (clause spec §0.1 “Abbreviations”) → the names a lawyer cites. Names not listed
#: (民法典, 专利法, 仲裁法解释, 技术合同解释, 合同编通则解释 …) are already the usual short titles.
STATUTE_NAMES: dict[str, str] = {
    "促进法": "促进科技成果转化法",
    "科技进步法": "科学技术进步法",
    "民诉法": "民事诉讼法",
    "民诉解释": "民事诉讼法解释",
    "知产管辖规定": "最高人民法院关于第一审知识产权民事、行政案件管辖的若干规定",
}


def cite(basis: str, titles: Mapping[str, str]) -> str:
    """Return a basis string in the form a lawyer cites: policy titles for file names, statutes in 《》.

    ``titles`` maps a policy file name to its title. Article lists are joined with 、 and groups with ；. A string
    already in that form is returned unchanged.

    >>> titles = {"004_552c305ebc467d0d.txt": "重庆两江新区产业创新联合体建设管理办法（征求意见稿）"}
    >>> cite("004_552c305ebc467d0d.txt 五(一)2, 附件2 五", titles)
    '《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2、附件2 五'
    >>> cite("民法典 第八百六十条", titles), cite("促进法 第四十四条, 第四十五条", titles)
    ('《民法典》第八百六十条', '《促进科技成果转化法》第四十四条、第四十五条')
    >>> cite("反不正当竞争法（2019年修正） 第九条", titles), cite("GB 32100-2015", titles)
    ('《反不正当竞争法》（2019年修正）第九条', 'GB 32100-2015')
    >>> cite("民法典 第五百六十七条; 解散事由见 004_552c305ebc467d0d.txt 七(三)", titles)
    '《民法典》第五百六十七条；解散事由见《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》七(三)'
    >>> cite(cite("民法典 第八百六十条", titles), titles)
    '《民法典》第八百六十条'
    """
    names = set(titles.values())
    out = []
    for part in _PARTS.split(basis.strip()):
        part = _POLICY_FILE.sub(lambda m: f"《{titles[m.group(1)]}》" if m.group(1) in titles else m.group(0), part)
        part = re.sub(r"\s+《", "《", part)
        if part in names:  # a policy named without an article
            part = f"《{part}》"
        elif m := _STATUTE.match(part):
            name = m.group("name")
            part = f"《{STATUTE_NAMES.get(name, name)}》{m.group('note') or ''}{m.group('article')}"
        out.append(_LIST.sub("、", part))
    return "；".join(p for p in out if p)
