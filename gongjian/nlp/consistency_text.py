"""Consistency checks about the wording: dates, dispute forum, references, placeholders, regime rules, naming.

X09 dates, X10 dispute forum, X16 cross-references and numbering, X18 placeholders, X21 regime prohibitions,
X22 naming pattern, X25 report deadline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongjian.contracts.dates import FoundDate, find_dates, term_end
from gongjian.nlp.consistency_base import (
    CN_NUM,
    Context,
    evidence,
    line_span,
    make,
    policy_cite,
    sentence_evidence,
    sentence_span,
    to_int,
)
from gongjian.nlp.findings import Finding

# ------------------------------------------------------------------------------------------------------- X09

_TERM = re.compile(
    rf"(?:期|期限)(?:为)?(?P<n>[\d{CN_NUM}]+)年[，,]?\s*自(?P<start>[^。;,，]{{6,16}}?日)(?:起)?至(?P<end>[^。;,，]{{6,16}}?日)"
)
_LAST_SIGNATURE = re.compile(
    r"以最后(?:一方)?(?:签署|签章|签字|盖章|签订)(?:日期|之日|日)?(?:为准|为生效日|为生效日期|为本协议生效)"
)
_EXPLICIT_EFFECTIVE = re.compile(r"本协议(?:自|于)(?P<date>\d{4}年\d{1,2}月\d{1,2}日)(?:起)?生效")


def _date_in(ctx: Context, start: int, end: int) -> FoundDate | None:
    found = [f for f in find_dates(ctx.doc.text[start:end]) if f.date]
    return found[0] if found else None


def signature_dates(ctx: Context) -> list[tuple[FoundDate, int]]:
    """Return the dates of the signature area with their offsets in the text."""
    s = ctx.signature_start
    return [(f, s + f.start) for f in find_dates(ctx.doc.text[s:]) if f.date]


def check_dates(ctx: Context) -> Iterator[Finding]:
    """X09: real calendar dates (E); term end = start + N years − 1 day, signing before the term starts (W)."""
    text = ctx.doc.text
    for f in find_dates(text):
        if f.error:
            sig = ctx.in_signature(f.start)
            yield make(
                "X09",
                "E",
                f"日期“{f.raw}”不存在：{f.error}。",
                [evidence(ctx.doc, f.start, f.end, "X09:invalid")],
                category="C17" if sig else ctx.category(f.start) or "C16",
                basis=("民法典 第四百七十条",),
                suggestion="改为真实存在的日期。",
            )
    signed = signature_dates(ctx)
    last = max(signed, key=lambda x: x[0].date) if signed else None
    norm = ctx.doc.norm
    for m in _TERM.finditer(norm, 0, ctx.signature_start):
        n = to_int(m.group("n"))
        start = _date_in(ctx, m.start("start"), m.end("start"))
        end = _date_in(ctx, m.start("end"), m.end("end"))
        if not n or start is None or end is None:
            continue
        expected = term_end(start.date, n)
        ev = [evidence(ctx.doc, m.start(), m.end(), "X09:term")]
        if end.date != expected:
            yield make(
                "X09",
                "W",
                f"期限{m.group('n')}年、自{start.raw}起算，应于{expected.year}年{expected.month}月"
                f"{expected.day}日届满，协议却写“至{end.raw}止”。",
                ev,
                category="C16",
                basis=("民法典 第二百零一条", "民法典 第二百零三条"),
                suggestion=f"改为“至{expected.year}年{expected.month}月{expected.day}日止”，或改正期限年数。",
            )
        if last is not None and last[0].date > start.date and _LAST_SIGNATURE.search(norm):
            yield make(
                "X09",
                "W",
                f"协议以最后一方签署日为生效日（{last[0].raw}），晚于期限起算日{start.raw}。",
                ev + [evidence(ctx.doc, last[1], last[1] + len(last[0].raw), "X09:last-signature")],
                category="C16",
                basis=("民法典 第五百零二条",),
                suggestion="确认期限自生效之日起算，或写明生效前已开始的工作如何处理。",
            )
    if last is not None and _LAST_SIGNATURE.search(norm):
        for m in _EXPLICIT_EFFECTIVE.finditer(norm):
            d = _date_in(ctx, m.start("date"), m.end("date"))
            if d is not None and d.date < last[0].date:
                yield make(
                    "X09",
                    "W",
                    f"协议写明“{text[m.start() : m.end()]}”，又约定以最后签署日为生效日，而最后一方"
                    f"{last[0].raw}才签署。",
                    [
                        evidence(ctx.doc, m.start(), m.end(), "X09:effective"),
                        evidence(ctx.doc, last[1], last[1] + len(last[0].raw), "X09:last"),
                    ],
                    category="C16",
                    basis=("民法典 第五百零二条",),
                    suggestion="统一生效日期的约定。",
                )


# ------------------------------------------------------------------------------------------------------- X10

_DISPUTE = re.compile(r"争议|纠纷")
_FORUM_WORD = re.compile(r"仲裁|法院|诉讼|起诉")
_INSTITUTION = re.compile(r"(仲裁委员会|仲裁院|国际仲裁中心|仲裁中心)(?!的?仲裁规则)")
_STOP = re.compile(
    r"提交|提请|交由|交付|交|向|由|报请|申请|按照|依照|依据|至|到|或者|或|和|及|的|[、，,。;；:：\s()“”]"
)
_GENERIC_ARBITRATION = re.compile(r"(?:有关|相关|当地|所在地|有管辖权的)?仲裁(?:机构|机关|部门)")
_VAGUE_PLACE = re.compile(
    r"当地|有关|所在地|住所地|一方|双方|各方|守约方|违约方|原告|被告|申请人|被申请人|合同签订地|相关"
)
_OR_ARBITRATE_OR_SUE = re.compile(
    r"仲裁\s*(?:或|或者|/)\s*(?:由|向)?[^。;，,]{0,20}?(?:诉讼|起诉|法院)|(?:诉讼|起诉)\s*(?:或|或者|/)\s*仲裁"
    r"|仲裁[^。;]{0,60}?(?<!不)也可(?:以)?[^。;]{0,30}?(?:起诉|诉讼|法院)"
    r"|(?:起诉|诉讼|法院)[^。;]{0,60}?(?<!不)也可(?:以)?[^。;]{0,30}?仲裁"
)
_COURT = re.compile(r"(?P<where>[^。;,，]{0,24}?)人民法院")
_COURT_FORUM = re.compile(r"管辖|起诉|诉讼")
_BLANK_MARK = re.compile(r"[×X*_]")


def _institution_name(norm: str, start: int) -> tuple[str, int]:
    """Return the name before 仲裁委员会 (after the last verb, connective or punctuation) and where it starts."""
    lo = max(0, start - 20)
    cut = lo
    for m in _STOP.finditer(norm, lo, start):
        cut = m.end()
    return norm[cut:start], cut


def dispute_sentences(ctx: Context) -> list[tuple[int, int]]:
    """Return the sentences of paragraphs about disputes (争议 / 纠纷) that name a forum (仲裁 / 法院 / 诉讼)."""
    norm = ctx.doc.norm
    out = []
    about_disputes: dict[int, bool] = {}  # per line (each line once, however many sentences it has)
    for s, e in ctx.sentences():
        ls, le = ctx.line_span(s)
        if ls not in about_disputes:
            about_disputes[ls] = _DISPUTE.search(norm, ls, le) is not None
        if about_disputes[ls] and _FORUM_WORD.search(norm, s, e):
            out.append((s, e))
    return out


def _forums(ctx: Context) -> list[tuple[str, str, int, int, int, int]]:
    """Return (kind, forum, start, end, sentence start, sentence end) of every dispute forum named in the text."""
    norm = ctx.doc.norm
    out = []
    latest, seen = -1, 0  # the latest start of a forum found so far, of the first `seen` ones
    for s, e in dispute_sentences(ctx):
        latest, seen = max([latest, *(x[2] for x in out[seen:])]), len(out)
        sentence = norm[s:e]
        named = []
        for m in _INSTITUTION.finditer(norm, s, e):
            name, at = _institution_name(norm, m.start())
            named.append(("arbitration", name + m.group(1), at, m.end(), s, e))
        ls, le = ctx.line_span(s)
        # A forum named earlier on this line: every one found so far starts before this sentence, so the latest
        # start tells (a scan of all of them for every sentence was quadratic).
        context = latest >= ls
        for i, f in enumerate(named):
            if (
                _PLACEHOLDER.search(f[1])
                or _PLACEHOLDER.search(norm[max(0, f[2] - 3) : f[2]])
                or norm[f[2] - 2 : f[2]] == "  "
            ):
                continue  # an unfilled name is template residue (X18)
            if re.fullmatch(r"(?:该|本|此|上述|前述|所述)?", f[1][: -len(_INSTITUTION.search(f[1]).group())]) and (
                named[:i] or context or _BLANK_MARK.search(norm, ls, le)
            ):
                continue  # “由仲裁院做出的决定”: refers back to the institution named before
            out.append(f)
        for m in _GENERIC_ARBITRATION.finditer(norm, s, e):
            if (
                _INSTITUTION.match(norm, m.end())
                or named
                or re.search(r"(?:该|本|此|上述|前述|所述|其)$", norm[s : m.start()])
            ):
                continue  # “按照该仲裁机构的规则”: refers to the institution named before
            if re.search(r"申请仲裁|提交|提请|进行仲裁|仲裁解决", sentence):
                out.append(("arbitration", m.group(), m.start(), m.end(), s, e))
        if _COURT_FORUM.search(sentence):
            for m in _COURT.finditer(norm, s, e):
                where = re.sub(r"^.*(?:向|由|在|提交|交)", "", m.group("where"))
                if re.search(r"申请(?:强制)?执行|撤销", norm[m.end() : m.end() + 12]):
                    continue
                out.append(("court", where + "人民法院", m.end() - len(where) - 4, m.end(), s, e))
    return out


def _determinable(kind: str, forum: str) -> bool:
    core = forum.removesuffix("人民法院") if kind == "court" else _INSTITUTION.sub("", forum)
    if kind == "arbitration":
        return bool(core) and not _VAGUE_PLACE.search(core) and not _GENERIC_ARBITRATION.fullmatch(forum)
    # A court is determinable through a connection point (甲方住所地) or a named place; 当地 / 有关 are not.
    return not re.search(r"当地|有关|相关", core)


def check_forum(ctx: Context) -> Iterator[Finding]:
    """X10: one determinable arbitration institution or court; no 或裁或诉; all dispute clauses agree (E).

    Spans already reported by a category defect (``ctx.covered``) are not reported again, except a conflict
    between two clauses.
    """
    norm = ctx.doc.norm
    basis = ("仲裁法 第十六条", "仲裁法 第十八条", "仲裁法解释 第七条")
    reported: set[tuple[int, int]] = set()
    for s, e in dispute_sentences(ctx):
        sentence = norm[s:e]
        if re.match(r"\s*(?:也可|亦可|或者|或)", norm[e : e + 6]):  # “…仲裁。也可以向法院起诉。”
            nxt = next((b for a, b in ctx.sentences(e) if a >= e), e)
            sentence = sentence[:-1] + "，" + norm[e:nxt]
            e = nxt
        if (m := _OR_ARBITRATE_OR_SUE.search(sentence)) and not ctx.is_covered(s, e):
            reported.add((s, e))
            yield make(
                "X10",
                "E",
                f"争议解决条款“{ctx.doc.text[s + m.start() : s + m.end()]}”既约定仲裁又约定诉讼（或裁或诉），"
                "仲裁协议无效，争议将由法院管辖。",
                [sentence_evidence(ctx, s + m.start(), "X10:or-arbitrate-or-sue")],
                category="C13",
                basis=basis,
                suggestion="只选一种：“提交××仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则仲裁，仲裁裁决是终局的”，"
                "或“由××住所地人民法院管辖”。",
            )
    forums = _forums(ctx)
    good = []
    for kind, forum, fs, fe, s, e in forums:
        if (s, e) in reported:
            continue
        if not _determinable(kind, forum):
            if not ctx.is_covered(s, e):
                reported.add((s, e))
                what = "仲裁机构" if kind == "arbitration" else "法院"
                yield make(
                    "X10",
                    "E",
                    f"争议解决条款约定的{what}“{ctx.doc.text[fs:fe]}”不能确定是哪一家"
                    f"（{'当地、有关、某方所在地或未写名称' if kind == 'arbitration' else '当地或有关法院'}），"
                    f"{'仲裁协议可能无效' if kind == 'arbitration' else '管辖约定无法执行'}。",
                    [sentence_evidence(ctx, fs, "X10:undeterminable")],
                    category="C13",
                    basis=basis,
                    suggestion="写明唯一确定的仲裁机构全称（如“南京仲裁委员会”），或写明“由××住所地人民法院管辖”。",
                )
            continue
        good.append((kind, forum, fs, fe, s, e))
    by_sentence: dict[tuple[int, int], list] = {}
    for f in good:
        by_sentence.setdefault((f[4], f[5]), []).append(f)
    for (s, e), fs_ in by_sentence.items():
        names = {f[1] for f in fs_ if f[0] == "arbitration"}
        if len(names) > 1 and (s, e) not in reported and not ctx.is_covered(s, e):
            reported.add((s, e))
            yield make(
                "X10",
                "E",
                f"争议解决条款同时约定了{len(names)}家仲裁机构（{'、'.join(sorted(names))}），"
                "当事人不能就仲裁机构选择达成一致的，仲裁协议无效。",
                [evidence(ctx.doc, f[2], f[3], "X10:institution") for f in fs_ if f[0] == "arbitration"],
                category="C13",
                basis=("仲裁法解释 第五条", "仲裁法 第十八条"),
                suggestion="只约定一家仲裁机构。",
            )
    distinct: dict[tuple[str, str], tuple] = {}
    for f in good:
        if (f[4], f[5]) not in reported:
            distinct.setdefault((f[0], f[1]), f)
    regions = {}
    for f in distinct.values():
        regions.setdefault(ctx.doc.article_label(f[2]), f)
    if len(regions) > 1:  # forums of one article are fallbacks or alternatives; across documents they conflict
        a, b = list(regions.values())[:2]
        if (a[0], a[1]) != (b[0], b[1]):
            yield make(
                "X10",
                "E",
                f"协议中的争议解决约定互相冲突：一处约定“{ctx.doc.text[a[2] : a[3]]}”，"
                f"另一处约定“{ctx.doc.text[b[2] : b[3]]}”。",
                [sentence_evidence(ctx, a[2], "X10:forum"), sentence_evidence(ctx, b[2], "X10:forum")],
                category="C13",
                basis=("仲裁法 第十六条", "民事诉讼法 第三十五条"),
                suggestion="主协议、补充协议和附件统一约定同一争议解决方式和机构，并写明以哪一份为准。",
            )


# ------------------------------------------------------------------------------------------------------- X16

_REF = re.compile(rf"第(?P<n>[{CN_NUM}\d]+)条(?![款项]?之)")
_LAW_BEFORE = re.compile(r"(》|法|典|例|则|办法|解释|规定|指引|指南|意见|通知|协定|公约|章程|书|方案)\s*$")
_REF_CHAIN = re.compile(rf"(?:第[{CN_NUM}\d]+[条款项](?:第[{CN_NUM}\d]+[款项])*\s*[、，,和及与至或]?\s*)+$")
_ANNEX_REF = re.compile(rf"附件(?P<n>[{CN_NUM}\d]+)")


def _number(label: str) -> int | None:
    m = re.search(rf"([{CN_NUM}\d]+)", label)
    return to_int(m.group(1)) if m else None


def check_references(ctx: Context) -> Iterator[Finding]:
    """X16: article (and chapter, section) numbering is continuous; 第X条 / 附件X references resolve (E)."""
    s = ctx.doc.structure
    basis = ("民法典 第四百六十六条",)
    for style in ("chapter", "article", "cn-section"):
        arts = [a for a in s.articles if a.style == style and a.start < ctx.signature_start]
        if style == "cn-section" and s.unit_style != "cn-section":
            continue
        nums = [(a, _number(a.label)) for a in arts]
        if len(nums) < 3 or any(n is None for _, n in nums):
            continue
        expected = None
        for a, n in nums:
            if n == 1 or expected is None:
                expected = n + 1  # a run restarts at 1 (notes after the contract); a glued first heading is skipped
                continue
            if n != expected:
                yield make(
                    "X16",
                    "E",
                    f"编号不连续：“{a.label.strip()}”之前应为第{expected}个{_STYLE_NAMES[style]}"
                    f"（{'重复' if n < expected else '缺少'}编号）。",
                    [evidence(ctx.doc, a.start, a.heading_end, "X16:numbering")],
                    category=ctx.category(a.start),
                    basis=basis,
                    suggestion="重新编号，并同步修改正文中的引用。",
                )
                break
            expected += 1
    heads = {a.start for a in s.articles}
    articles = [a for a in s.articles if a.style == "article"]
    numbers = {_number(a.label) for a in articles}
    norm = ctx.doc.norm
    if len(articles) >= 3:
        for m in _REF.finditer(norm, 0, ctx.signature_start):
            line_start = norm.rfind("\n", 0, m.start()) + 1
            if m.start() in heads or not norm[line_start : m.start()].strip(" \t\u3000#"):
                continue
            before = _REF_CHAIN.sub("", norm[max(0, m.start() - 40) : m.start()])  # “法》第四十四条、第四十五条”
            if _LAW_BEFORE.search(before) or ("《" in before and "》" not in before[before.rfind("《") :]):
                continue
            n = to_int(m.group("n"))
            if n is not None and n not in numbers:
                yield make(
                    "X16",
                    "E",
                    f"正文引用“{ctx.doc.text[m.start() : m.end()]}”，协议只有第1至第{max(numbers)}条。",
                    [evidence(ctx.doc, m.start(), m.end(), "X16:reference")],
                    category=ctx.category(m.start()),
                    basis=basis,
                    suggestion="改正引用的条号。",
                )
    annex_labels = {n: a.label.strip() for a in s.articles if a.style == "annex" and (n := _number(a.label))}
    annexes = set(annex_labels)
    if annexes:
        missing: dict[int, list] = {}
        for m in _ANNEX_REF.finditer(norm, 0, ctx.signature_start):
            n = to_int(m.group("n"))
            if m.start() not in heads and n is not None and n not in annexes:
                missing.setdefault(n, []).append(m)
        for refs in missing.values():
            first = refs[0]
            yield make(
                "X16",
                "E",
                f"正文引用“{ctx.doc.text[first.start() : first.end()]}”（{len(refs)}处），但协议所附的附件是"
                f"{'、'.join(annex_labels[x] for x in sorted(annexes))}。",
                [evidence(ctx.doc, r.start(), r.end(), "X16:annex") for r in refs[:3]],
                category=ctx.category(first.start()),
                basis=basis,
                suggestion="补附该附件，或改正附件编号。",
            )


_STYLE_NAMES = {"chapter": "章", "article": "条", "cn-section": "部分"}


# ------------------------------------------------------------------------------------------------------- X18

_PLACEHOLDER = re.compile(
    r"×{2,}|(?<![A-Za-z0-9])(?:X{2,}|x{3,})(?![A-Za-z])|(?<![A-Za-z])(?:X{2,}|x{3,})(?![A-Za-z0-9])"
    r"|\*{3,}|_{2,}|某某|○{2,}"
    r"|(?<!\*)\*{2}(?!\*)(?=\s*(?:%|元|万元|亿元|年|个月|日内|天|家|名|份|项|倍))"
    r"|【\s*】|\[\s*\]|\(\s+\)"
    # 【名称】-style fields, but not an article heading in brackets (“第一条【成员单位】”)
    r"|(?<!条)(?<!条 )(?<!条\u3000)【[^】\n]{0,15}(?:填写|名称|金额|日期|姓名|地址|待定|待补充|单位)[^】\n]{0,10}】"
    r"| {2,}(?=仲裁委员会|仲裁院|人民法院)"
)
_EMPTY_PARTY = re.compile(
    r"(?m)^[ \t\u3000]*(?:[甲乙丙丁戊己庚辛壬癸]方|牵头单位|参与单位|成员单位|共建单位|组建单位)"
    r"[^:\n]{0,12}:[ \t\u3000]*$"
)
_SIGNING_FIELD = re.compile(r"签字|签章|盖章|公章|日期|签署|签名|法定代表人|代表|代理人")


def _placeholders(ctx: Context) -> list[tuple[int, int]]:
    norm = ctx.doc.norm
    spans = [m.span() for m in _PLACEHOLDER.finditer(norm)]
    spans += [(f.start, f.end) for f in find_dates(ctx.doc.text) if f.is_blank]
    stop = ctx.doc.structure.units[0].start if ctx.doc.structure.units else ctx.signature_start
    spans += [(m.end() - 1, m.end()) for m in _EMPTY_PARTY.finditer(norm, 0, stop)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def check_placeholders(ctx: Context) -> Iterator[Finding]:
    """X18: placeholders and template residue (E), one finding per article; blank signing fields once (info)."""
    text = ctx.doc.text
    by_region: dict[str, list[tuple[int, int]]] = {}
    signing: list[tuple[int, int]] = []
    for a, b in _placeholders(ctx):
        if ctx.in_signature(a):
            ls, le = line_span(ctx.doc.norm, a)
            if _SIGNING_FIELD.search(ctx.doc.norm[ls:le]):
                signing.append((a, b))
                continue
        by_region.setdefault(ctx.doc.article_label(a) or "", []).append((a, b))
    for label, spans in by_region.items():
        quoted: list[tuple[int, int]] = []  # the sentences holding the blanks, each once, at most eight
        for a, _ in spans:
            ls, le = sentence_span(ctx, a)
            if le - ls > 80:
                ls, le = max(ls, a - 30), min(le, a + 40)
            if (ls, le) not in quoted:
                quoted.append((ls, le))
        ev = [evidence(ctx.doc, ls, le, "X18:placeholder") for ls, le in quoted[:8]]
        shown = "、".join(dict.fromkeys(f"“{text[a:b].strip() or '空白'}”" for a, b in spans[:4]))
        where = label or "协议"
        yield make(
            "X18",
            "E",
            f"{where}有{len(spans)}处未填写的空白或模板占位符（{shown}）：协议条款不完整。",
            ev,
            category=ctx.category(spans[0][0]),
            basis=[policy_cite(ctx, "004", "附件2")] if "cq-liangjiang" in ctx.regime_ids else ["民法典 第四百七十条"],
            suggestion="把每处空白和占位符替换为确定的内容（名称、金额、比例、日期、机构），删除不适用的模板文字。",
        )
    if signing:
        a = signing[0][0]
        ls, le = line_span(text, a)
        yield make(
            "X18",
            "I",
            f"签署页有{len(signing)}处签字、盖章或日期尚未填写：协议尚未签署。",
            [evidence(ctx.doc, ls, le, "X18:unsigned")],
            category="C17",
            basis=["民法典 第四百九十条"],
            suggestion="各成员单位签署时填写签字、盖章和日期；签署后再提交审核。",
        )
