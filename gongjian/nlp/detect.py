"""Detectors: document type, regime, where each category is, and whether it is missing, weak or present.

Every detector reads the one :class:`ParsedDocument`. Categories are placed per region (article, preamble,
signature page): a region belongs to a category when its heading carries one of the category's cues, or when one
paragraph of it carries enough of the category's body cues (a passing mention — “按第十二条承担违约责任” — does
not). A placed category is weak when one of its defects or a weakness-lexicon family fires in its text, or when a
required element is absent.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongjian.clauses.checks import CHECKS
from gongjian.clauses.library import ClauseLibrary
from gongjian.clauses.schema import Category, Regime
from gongjian.contracts.text import normalise
from gongjian.limits import MAX_PARAGRAPH_CHARS
from gongjian.nlp.document import ParsedDocument, Region
from gongjian.nlp.findings import Dropped, DroppedCandidate, Evidence
from gongjian.nlp.matcher import (
    SENTENCE_END,
    Guarded,
    SentenceMatch,
    chunks,
    find,
    find_any,
    guard_reason,
    match_rule,
    pieces,
    required_literals,
)

#: A heading cue of this weight places the category by itself; body cues must add up to BODY_THRESHOLD within
#: one paragraph.
HEADING_THRESHOLD = 0.5
BODY_THRESHOLD = 1.2
HEADING_BONUS = 1.5
#: Each further occurrence of a cue in the same paragraph adds this share of its weight (at most REPEAT_CAP times).
REPEAT_BONUS = 0.5
REPEAT_CAP = 2
#: Inside an article whose heading names another topic, a paragraph belongs to this category only when it is
#: more about it than about the heading's topic, by this margin (a cross-reference such as
#: “按任务分工表完成研发任务” in the rights article is not a division-of-work clause) — or when it scores this much.
TOPIC_MARGIN = 0.3
#: A heading cue counts only when it is at least this share of the heading's best category score.
HEADING_RELATIVE = 0.75
SIGNATURE_CATEGORY = "C17"
BODY_THRESHOLD_STRONG = 3.0
#: A body cue of full weight is decisive: the phrase is itself a clause of the category (“合营公司的经营目的是”,
#: “……的合法所有者”, “联营期满后的财产处理”), so it places the category without a second cue — older forms state
#: such clauses in one sentence, without a heading. Topic competition (TOPIC_MARGIN) still applies.
DECISIVE_WEIGHT = 1.0
DECISIVE_THRESHOLD = 1.0


@dataclass(frozen=True)
class Placement:
    """Where a category was found: a region, or one paragraph of it."""

    category: str
    region: Region
    start: int
    end: int
    score: float
    cues: tuple[str, ...]
    by_heading: bool


# ----------------------------------------------------------------------------------------------- document type

#: Titles of documents nobody signs as a party to an agreement: rules, notices, and one unit's own declarations
#: (承诺书、声明、授权委托书 bind their author alone), minutes and news.
_NOT_CONTRACT_TITLE = re.compile(
    r"(管理办法|实施办法|暂行办法|规定|条例|细则|工作指引|建设指南|章程|通知|意见|承诺书|承诺函|声明|声明书|"
    r"授权委托书|委托书|会议纪要|纪要|新闻稿)\s*$"
)
_OTHER_CONTRACT = re.compile(
    r"劳动合同|劳务合同|采购合同|购销合同|买卖合同|供货合同|租赁合同|借款合同|贷款合同|担保合同|保证合同|"
    r"运输合同|仓储合同|装修合同|施工合同"
)
_COOPERATION = re.compile(
    r"共建|组建|联合体|创新中心|联盟|合作|协作|联营|技术开发|委托开发|研究开发|开发合同|合资|成员单位|牵头单位|战略合作"
)


#: Contracts of a kind the law names, which are not agreements to found or build a platform together: the
#: transfer or licence of a technology (民法典 第八百六十二条), technical services and consulting (第八百七十八条).
#: Judged on the title only — a co-building agreement may well speak of licences in its body.
_OTHER_TECH_CONTRACT = re.compile(
    r"(?:技术|专利权?|专利申请权|技术秘密|非专利技术|专有技术|商标|软件(?:著作权)?)(?:使用权)?(?:转让|许可|实施许可|授权)"
    r"[^\n]{0,8}?(?:合同|协议)|专利(?:实施)?许可(?:使用)?(?:合同|协议)|技术(?:服务|咨询|培训|中介)(?:合同|协议)"
    r"|(?:委托)?(?:检测|检验|测试)(?:服务)?(?:合同|协议)"
)
#: The words a contract's own text uses for itself and its parties; a text without them (a news report on a
#: signing ceremony, a web page) is not an agreement whatever it talks about.
_AGREEMENT_SELF = re.compile(r"本[\u4e00-\u9fff]{0,6}?(?:协议|合同)|甲方|乙方|立约各?方|协议各方|合同各方|"
                             r"签约各?方|缔约各?方|各方(?:一致)?同意|双方(?:一致)?同意|经友好协商")


def detect_document_type(doc: ParsedDocument) -> dict[str, str]:
    """Return ``{"kind": cooperation-agreement | other-contract | not-a-contract, "reason": …}``."""
    title = doc.structure.title
    ntitle = doc.norm[: len(title)]
    agreement_words = len(re.findall(r"本协议|本合同|协议书|甲方|乙方|各方", doc.norm))
    own_words = len(re.findall(r"本办法|本规定|本指引|本指南|本章程|本条例|本细则", doc.norm))
    if _NOT_CONTRACT_TITLE.search(ntitle) or own_words > agreement_words:
        what = m.group(1) if (m := _NOT_CONTRACT_TITLE.search(ntitle)) else "规范性文件"
        return {"kind": "not-a-contract",
                "reason": f"标题或正文表明这是{what}，不是各方签署的协议（“本办法/本章程”等 {own_words} 处，"
                          f"“本协议/甲方”等 {agreement_words} 处）"}
    if (m := _OTHER_CONTRACT.search(ntitle)) or (m := _OTHER_CONTRACT.search(doc.norm[:400])):
        return {"kind": "other-contract", "reason": f"这是{m.group()}，不是合作组建或共建协议"}
    if m := _OTHER_TECH_CONTRACT.search(ntitle):
        return {"kind": "other-contract",
                "reason": f"标题表明这是{m.group()}（技术转让、许可或服务类合同），不是合作组建或共建协议"}
    selfref = len(_AGREEMENT_SELF.findall(doc.norm))
    coop = len(_COOPERATION.findall(doc.norm))
    if selfref == 0:
        return {"kind": "not-a-contract",
                "reason": "文中没有“本协议”“甲方”“各方同意”等协议自称和当事人用语，不是协议文本"
                          + (f"（虽有合作、共建用语 {coop} 处）" if coop else "")}
    if coop == 0:
        return {"kind": "other-contract", "reason": "文中没有合作、共建、组建或联合体用语"}
    return {"kind": "cooperation-agreement", "reason": f"合作、共建或组建用语 {coop} 处"}


# ----------------------------------------------------------------------------------------------------- regime


def detect_regimes(doc: ParsedDocument, library: ClauseLibrary) -> tuple[list[str], str]:
    """Return the regimes the text is written for, and the words that decided it.

    The first detection pattern of a regime is its signature phrase (weight 1); each further one adds 0.5. A regime
    scoring at least 1 is selected.
    """
    chosen, reasons = [], []
    scores = {}
    for regime in library.regimes.values():
        hits = []
        score = 0.0
        for i, pattern in enumerate(regime.detection):
            found = find_any([pattern], doc.norm)
            if found:
                score += 1.0 if i == 0 else 0.5
                hits.append(doc.text[found[0].start : found[0].end])
        scores[regime.id] = (score, hits)
    best = max((s for s, _ in scores.values()), default=0.0)
    for rid, (score, hits) in scores.items():
        if score >= 1.0 and score >= best - 0.5:
            chosen.append(rid)
            reasons.append(f"{rid}：{'、'.join(dict.fromkeys(hits))}")
    return chosen, "；".join(reasons)


# -------------------------------------------------------------------------------------------------- placement


def _paragraphs(text: str, start: int, end: int):
    """Yield the spans of the non-blank lines of ``text[start:end]``; one longer than MAX_PARAGRAPH_CHARS in pieces."""
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            yield from pieces(text, pos, pos + len(line), MAX_PARAGRAPH_CHARS, at=SENTENCE_END)
        pos += len(line) + 1


# A reference to another clause or table: “按本协议知识产权归属条款确定”“按任务分工表完成”“依照第十二条处理”.
# Cue hits inside one say where the other clause is, not that this paragraph is that clause.
_REFERENCE = re.compile(
    r"(按|按照|依照|依据|根据|适用|参照|以)(本协议)?[^。;,]{0,16}?"
    r"(条款|第[零〇一二三四五六七八九十百\d]+条|附件[一二三四五六七八九十\d]*|[表单])"
    r"(所列|列明|的约定|约定|规定|所述)?"
    r"|《[^》]{1,40}》"  # the title of a law or policy: 《促进科技成果转化法》 is not a results clause
    # A sentence about what an agreement must contain (a policy's words, or a recital quoting one): “组建协议应当对
    # 任务分工、知识产权归属……作出约定”“协议中必须明确对外承担责任主体” — not this agreement's own clause.
    r"|(?<![本该此])(?:组建|共建|合作|联盟|联合体)?协议(?:书)?中?(?:应当|必须|须|应)(?:对|就)?[^。;]{0,60}?"
    r"(?:作出约定|予以约定|明确|载明|写明|约定)[^。;]*"
)


def mask_references(text: str) -> str:
    """Blank out cross-references (same length), so their words do not count as cues.

    >>> mask_references("违约的，按本协议风险承担条款处理。").replace(" ", "")
    '违约的，处理。'
    >>> mask_references("组建协议应当对知识产权归属作出约定。").strip()
    '。'
    >>> mask_references("本协议应当明确的事项如下。").strip()
    '本协议应当明确的事项如下。'
    """
    return _REFERENCE.sub(lambda m: " " * len(m.group()), text)


# A drafting note of a form (“注２：合同没有约定的，视当事人均有使用或转让的权利”, “〔注：当事人可以对……作出约定〕”):
# guidance to whoever fills in the form, not a term the parties agree on.
_NOTE = re.compile(r"(?m)^[ \t　]*[〔\[【(（]?[ \t　]*(?:注|说明|备注|填写说明)"
                   r"[ \t　]*[\d０-９①-⑩一二三四五六七八九十()（）]*[ \t　]*[:：][^\n]*")


def mask_notes(text: str) -> str:
    """Blank out the drafting notes of a form (same length), so their words do not place a category.

    >>> mask_notes("甲方负责试验。\\n注２：合同没有约定的，视当事人均有使用的权利。\\n乙方负责").split("\\n")[1].strip()
    ''
    """
    return _NOTE.sub(lambda m: " " * len(m.group()), text)


def _per_cue_tuple(func):
    """Cache ``func(cues)`` by the identity of the library's cue tuple.

    ``functools.lru_cache`` would hash the tuple — every frozen pydantic cue in it — on each call: about a tenth of a
    check's time. The tuple is kept in the cache, so its id cannot be reused by another object.
    """
    cache: dict[int, tuple[tuple, object]] = {}

    @functools.wraps(func)
    def cached(cues: tuple):
        hit = cache.get(id(cues))
        if hit is None or hit[0] is not cues:
            hit = cache[id(cues)] = (cues, func(cues))
        return hit[1]

    return cached


@_per_cue_tuple
def _body_cue_literals(cues: tuple) -> tuple[str, ...] | None:
    """Return strings one of which a text must contain for a body cue to hit in it (None: cannot tell).

    The fast test before scoring paragraphs: literals, not the cues' regexes, so that it costs the same on any
    text (a regex run on a whole article of 50,000 blank lines backtracks quadratically).
    """
    needles: list[str] = []
    for cue in cues:
        if cue.heading:
            continue
        alts = required_literals(cue.text) if cue.regex else (normalise(cue.text),)
        if alts is None:
            return None
        needles += alts
    return tuple(dict.fromkeys(needles))


def _any_body_cue(cues: tuple, text: str) -> bool:
    needles = _body_cue_literals(cues)
    return needles is None or any(n in text for n in needles)


@_per_cue_tuple
def _by_weight(cues: tuple) -> tuple:
    return tuple(sorted(cues, key=lambda c: -c.weight))


@_per_cue_tuple
def _decisive(cues: tuple) -> frozenset[str]:
    """Return the texts of the body cues that place a category by themselves (weight DECISIVE_WEIGHT)."""
    return frozenset(c.text for c in cues if not c.heading and c.weight >= DECISIVE_WEIGHT)


def _cue_score(cues, text: str, heading: bool) -> tuple[float, list[str]]:
    """Score a text against cues: each cue once, a span covered by a stronger cue's hit not again.

    Further hits of a cue add a little, in proportion to the cue's weight (a paragraph that keeps naming
    补充协议 is about supplementary agreements; one that keeps naming 理事会 as the deciding body is not
    thereby about governance).
    """
    total, names, repeats = 0.0, [], 0.0
    taken: list[tuple[int, int]] = []
    for cue in _by_weight(cues):
        if cue.heading and not heading:
            continue
        hits = [h for h in find(cue, text) if not any(s <= h.start and h.end <= e for s, e in taken)]
        if hits:
            total += cue.weight * (HEADING_BONUS if heading else 1.0)
            names.append(cue.text)
            repeats += cue.weight * min(len(hits) - 1, REPEAT_CAP)
            taken += [(h.start, h.end) for h in hits]
    if not heading:
        total += REPEAT_BONUS * repeats
    return total, names


def place_categories(doc: ParsedDocument, library: ClauseLibrary,
                     dropped: list[DroppedCandidate] | None = None, scores=None) -> dict[str, list[Placement]]:
    """Return, per category, the regions (or paragraphs) that address it.

    The rules place first (headings, then body cues per paragraph). ``scores`` (the clause model's
    :class:`~gongjian.nlp.clause_model.DocumentScores`) then places a category the rules found nowhere, in each
    paragraph where one sentence reaches the category's threshold: a clause written in words no cue knows.
    """
    placed = _place_by_rules(doc, library, dropped)
    if scores is not None:
        _place_by_model(doc, library, placed, scores, dropped)
    return placed


#: The lowest model score that places a category the rules did not find (on top of each label's own threshold,
#: chosen on held-out folds of the training data): a false placement hides a missing clause, so the model's
#: placements are held to a higher bar than its elements. Chosen on the dev set (rules + model vs rules only).
MODEL_FLOOR = 0.9
#: In an article whose heading names another topic: the score and sentence length the model needs there.
MODEL_STRONG = 0.97
MODEL_MIN_CHARS = 20
#: A paragraph this long runs several clauses together (an alliance agreement written without headings).
RUN_ON_CHARS = 300


def _place_by_model(doc: ParsedDocument, library: ClauseLibrary, placed: dict[str, list[Placement]], scores,
                    dropped: list[DroppedCandidate] | None) -> None:
    for cid in library.categories:
        if cid not in scores.model.index:
            continue
        ruled = bool(placed[cid])
        best, best_where = 0.0, None
        for region in doc.regions:
            if region.kind == "signature" and cid != SIGNATURE_CATEGORY:
                continue
            paragraphs = ([(region.start, region.end)] if region.kind != "unit"
                          else [(region.start, region.heading_end), *_paragraphs(doc.norm, region.heading_end,
                                                                                   region.end)])
            for p_start, p_end in paragraphs:
                if p_end <= p_start:
                    continue
                score, where = scores.best(cid, p_start, p_end)
                if where is None:
                    continue
                if score > best:
                    best, best_where = score, where
                if ruled or score < max(scores.model.threshold(cid), MODEL_FLOOR):
                    continue
                # A paragraph the rules gave to another category keeps it unless the model reads this category in
                # it more strongly than that one (one overlap policy: the stronger reading wins).
                others = [o for o, ps in placed.items() if o != cid and ps
                          and any(p.start <= where[0] < p.end for p in ps)]
                # In a long paragraph that runs several clauses together (an alliance agreement without headings)
                # the competition is sentence by sentence: the other clause has its own sentences there.
                run_on = region.kind == "unit" and p_end - p_start >= RUN_ON_CHARS
                if any(scores.best(o, *(where if run_on else (p_start, p_end)))[0] >= score for o in others):
                    continue  # a side remark in another clause (“保密义务继续有效” in the exit clause)
                # An article whose heading names another topic holds this category only in a full sentence the
                # model is sure of (“争议提交重庆仲裁委员会仲裁” in 第十条 违约责任), not in an item of its list
                # (“按时报送年度考核所需数据；” among the members' duties) nor in a row of its table.
                headed = not _catch_all(doc, region) and any(p.by_heading and p.region is region
                                                             for o in others for p in placed[o])
                sentence = doc.norm[where[0] : where[1]].strip()
                if headed and (score < MODEL_STRONG or len(sentence) < MODEL_MIN_CHARS or "\t" in sentence):
                    continue  # a table row belongs to its article's table (a task row with indicators is C03)
                if p_end == region.heading_end and region.kind == "unit":  # the heading: the whole article
                    body = region.title_end if region.title_end >= 0 else region.heading_end
                    placed[cid].append(Placement(cid, region, body, region.end, score, (f"模型{score:.2f}",), True))
                    break
                masked = mask_references(mask_notes(doc.norm[where[0]:where[1]]))
                if masked.strip() != doc.norm[where[0]:where[1]].strip():
                    continue  # the sentence the model liked is a cross-reference or a drafting note
                # In a run-on paragraph the clause is the sentences the model reads as this category, not the
                # paragraph (whose other sentences belong to other clauses and must not weaken this one).
                c_start, c_end = scores.run(cid, where, p_start, p_end) if run_on else \
                    (p_start, _lead_in_end(doc, region, p_start, p_end))
                placed[cid].append(Placement(cid, region, c_start, c_end, score, (f"模型{score:.2f}",), False))
        if dropped is not None and best_where is not None:
            verdict = ("规则已定位：" + "、".join(dict.fromkeys(p.region.label for p in placed[cid]))) if ruled \
                else ("模型定位：" + "、".join(dict.fromkeys(p.region.label for p in placed[cid]))) if placed[cid] \
                else "未定位"
            dropped.append(DroppedCandidate(
                f"{cid}.model", Dropped.MODEL, doc.text[best_where[0]:best_where[1]].strip()[:60],
                f"模型最高分 {best:.2f}（阈值 {scores.model.threshold(cid):.2f}）；{verdict}"))


def _place_by_rules(doc: ParsedDocument, library: ClauseLibrary,
                    dropped: list[DroppedCandidate] | None) -> dict[str, list[Placement]]:
    placed: dict[str, list[Placement]] = {cid: [] for cid in library.categories}
    for region in doc.regions:
        title_norm = doc.norm[region.start : region.heading_end] if region.title else ""
        headings = _heading_topics(library, title_norm, normalise(region.title) if region.title else "")
        topics = [cid for cid, (score, _) in headings.items() if score >= HEADING_THRESHOLD]
        paragraphs = ([(region.start, region.end)] if region.kind != "unit"
                      else list(_paragraphs(doc.norm, region.heading_end, region.end)))
        body_text = doc.norm[region.heading_end : region.end]
        # How much each paragraph is about the heading's topic(s).
        bodies = [mask_references(mask_notes(doc.norm[s:e])) for s, e in paragraphs]
        catch_all = _catch_all(doc, region)
        topic_scores = [0.0 if catch_all else
                        max((_cue_score(library.categories[t].cues, body, heading=False)[0]
                             for t in topics), default=0.0) for body in bodies]
        for cid, cat in library.categories.items():
            if region.kind == "signature" and cid != SIGNATURE_CATEGORY:
                continue  # the signature page settles signing, not who the parties are
            h_score, h_cues = headings[cid]
            if h_score >= HEADING_THRESHOLD:  # the body: after the title ("联营宗旨：＿＿" keeps its blank)
                body_start = region.title_end if region.title_end >= 0 else region.heading_end
                placed[cid].append(Placement(cid, region, body_start, region.end, h_score, tuple(h_cues), True))
                continue
            if not _any_body_cue(cat.cues, body_text):
                continue
            # The preamble and the signature page are lists of short lines: they are judged as a whole.
            for (p_start, p_end), body, topic_score in zip(paragraphs, bodies, topic_scores, strict=True):
                b_score, b_cues = _cue_score(cat.cues, body, heading=False)
                base = DECISIVE_THRESHOLD if _decisive(cat.cues) & set(b_cues) else BODY_THRESHOLD
                threshold = max(base, min(topic_score + TOPIC_MARGIN, BODY_THRESHOLD_STRONG))
                if b_score >= threshold:
                    p_end = _lead_in_end(doc, region, p_start, p_end)
                    placed[cid].append(Placement(cid, region, p_start, p_end, b_score, tuple(b_cues), False))
                elif b_score > 0 and dropped is not None and b_score >= BODY_THRESHOLD / 2:
                    cues = list({c.text: c for c in cat.cues if c.text in b_cues and not c.heading}.values())
                    dropped.append(DroppedCandidate(
                        f"{cid}.cue", Dropped.BELOW_THRESHOLD, doc.text[p_start:p_end][:60],
                        f"线索 {'、'.join(_shown_hit(c, body) for c in cues)} 合计 {b_score:.2f} < {threshold:.2f}",
                        "；".join(c.text for c in cues if c.regex)))
    return placed


#: A heading that names a catch-all (期限与其他, 附则, 特别约定): each paragraph under it stands on its own topic.
_CATCH_ALL = re.compile(r"其他|其它|附则|杂项|一般规定|一般条款|通用条款|特别约定|补充约定|未尽事宜")


def _catch_all(doc: ParsedDocument, region: Region) -> bool:
    return bool(region.title) and bool(_CATCH_ALL.search(doc.norm[region.start : region.heading_end]))


#: Where a compound heading joins its topics (违约责任与风险, 经费、收益及分配); not 参与, 以及 is one joint.
_CONJUNCTION = re.compile(r"以及|(?<!参)与|和|及|、|暨|[/／]")


def _heading_topics(library: ClauseLibrary, title_norm: str, title: str = "") -> dict[str, tuple[float, list[str]]]:
    """Score a heading against every category's cues, keeping only the heading's own topics.

    A heading names one topic or a few: a category whose heading cue is much weaker than the best one
    (“资金” in 财政资金与政策支持, “分配” in 解散时的权责分配) is not the heading's topic. Compared by each category's
    strongest single heading cue, so that a category with many synonyms does not crowd out the others of a
    compound heading (生效、期限与签署). Each part of a compound heading is also judged by itself, so that a topic
    named with a plainer word than its neighbour (风险 beside 违约责任) is still a topic; the whole heading still
    counts, for cues that span the joint (权利与义务).
    """
    if not title_norm:
        return {cid: (0.0, []) for cid in library.categories}
    # The parts of the title without its number; a part after the first keeps its joint in front, so that a cue
    # anchored at the heading's start (^期限) does not read 结算方式及期限 as a term clause.
    pieces = [p for p in _CONJUNCTION.split(title or title_norm) if p.strip()]
    parts = [title_norm, *pieces[:1], *("、" + p for p in pieces[1:])] if len(pieces) > 1 else [title_norm]
    result: dict[str, tuple[float, list[str]]] = {cid: (0.0, []) for cid in library.categories}
    for part in dict.fromkeys(parts):
        scores = {cid: _cue_score(cat.cues, part, heading=True) for cid, cat in library.categories.items()}
        strongest = {cid: max((c.weight for c in library.categories[cid].cues if c.text in cues), default=0.0)
                     for cid, (_, cues) in scores.items()}
        best = max(strongest.values(), default=0.0)
        for cid, (score, cues) in scores.items():
            if score and strongest[cid] >= HEADING_RELATIVE * best and score > result[cid][0]:
                result[cid] = (score, cues)
    return result


def _shown_hit(pattern, text: str) -> str:
    """Return how ``--explain`` names a pattern that hit ``text``: a phrase as it is, a regex by what it matched."""
    if not pattern.regex:
        return pattern.text
    hits = find(pattern, text)
    return f"“{hits[0].text}”" if hits else "（正则）"


def _lead_in_end(doc: ParsedDocument, region: Region, start: int, end: int) -> int:
    """Return where a placed paragraph's clause ends.

    A numbered item that only introduces what follows (“（二）非专利技术成果的使用权、转让权：”) runs on to the end of
    its item, so that what is (or is not) written under it is judged with it.
    """
    if region.kind != "unit" or not doc.norm[start:end].rstrip().endswith(":"):
        return end
    item = next((a for a in doc.structure.articles if a.start == start and a.end > end), None)
    return min(item.end, region.end) if item is not None else end


def category_spans(placements: Sequence[Placement], *, whole_regions: bool = False) -> list[tuple[int, int]]:
    """Return the merged, ordered text spans of a category's placements.

    With ``whole_regions`` the spans are the whole articles the placements lie in (where elements are looked
    for: a clause is complete when its article says everything, whichever paragraph says it); otherwise the
    placed paragraphs or article bodies (where weak wording is looked for).
    """
    spans = sorted((p.region.start, p.region.end) if whole_regions else (p.start, p.end) for p in placements)
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


# ----------------------------------------------------------------------------------------------- weak signals


@dataclass(frozen=True)
class Signal:
    """A weak signal found in a category's text: a defect, a lexicon family, or a missing element."""

    rule_id: str
    kind: str  # defect | lexicon | element
    record: object
    match: SentenceMatch | None
    #: A lexicon hit on a sentence another category already reports: it is not reported again, and it weakens this
    #: category only when the sentence is about it too (``own``) or is a blank in its text.
    shared: bool = False
    own: bool = True


def defect_applies(defect, regimes: Sequence[str]) -> bool:
    """Return whether a defect (or element) is in force under the selected regimes."""
    return not defect.regimes or any(r in defect.regimes for r in regimes)


def find_defects(doc: ParsedDocument, cat: Category, placements: Sequence[Placement], regimes: Sequence[str],
                 guarded: list[Guarded] | None = None) -> list[Signal]:
    """Return the category's own defects that fire in its text."""
    signals = []
    clause = None
    for defect in cat.defects:
        if not defect_applies(defect, regimes):
            continue
        if defect.absent_in_clause:
            if clause is None:
                clause = "\n".join(doc.norm[s:e] for s, e in category_spans(placements, whole_regions=True))
            if find_any(defect.absent_in_clause, clause):
                continue  # what the sentence lacks, the rest of the clause says
        for s, e in category_spans(placements):
            for m in match_rule(defect.patterns, doc.norm, near=defect.near, absent=defect.absent, start=s, end=e,
                                explain=guarded):
                signals.append(Signal(defect.id, "defect", defect, m))
    return signals


def find_signals(doc: ParsedDocument, cat: Category, placements: Sequence[Placement], library: ClauseLibrary,
                 regimes: Sequence[str], dropped: list[DroppedCandidate] | None = None,
                 covered: set[tuple[int, int]] | None = None, scores=None) -> list[Signal]:
    """Return the defects, lexicon hits and missing elements of one category's text.

    ``covered`` holds the sentences already reported (by any category's defect, or by a lexicon hit of an
    earlier category): a lexicon family does not report them again — the same span is never reported twice.
    """
    spans = category_spans(placements)
    guarded: list[Guarded] = []
    covered = covered if covered is not None else set()
    signals = find_defects(doc, cat, placements, regimes, guarded)
    covered.update((s.match.sentence_start, s.match.sentence_end) for s in signals)
    for family in library.lexicon.families:
        for s, e in spans:
            for m in match_rule(family.patterns, doc.norm, absent=family.absent, start=s, end=e, explain=guarded):
                if (m.sentence_start, m.sentence_end) in covered:
                    if dropped is not None:
                        dropped.append(DroppedCandidate(f"L.{family.id}", Dropped.COVERED,
                                                        doc.text[m.sentence_start : m.sentence_end][:60]))
                    # “本协议终止的，资产处置由双方另行协商” in the term article is the dissolution clause's
                    # deferral: it weakens the term clause only if the sentence speaks of the term too.
                    sentence = mask_references(doc.norm[m.sentence_start : m.sentence_end])
                    own = family.id == "placeholder" or _cue_score(cat.cues, sentence, heading=False)[0] > 0
                    signals.append(Signal(f"L.{family.id}", "lexicon", family, m, shared=True, own=own))
                    continue
                signals.append(Signal(f"L.{family.id}", "lexicon", family, m))
                covered.add((m.sentence_start, m.sentence_end))
    text = "\n".join(doc.norm[s:e] for s, e in category_spans(placements, whole_regions=True))
    pieces_of_text = list(chunks(text, MAX_PARAGRAPH_CHARS))  # no pattern runs on more (a clause is shorter)
    for element in cat.elements:
        if not defect_applies(element, regimes):
            continue
        present = (any(find_any(element.any_of, text[a:b]) for a, b in pieces_of_text)
                   and (element.check is None or CHECKS[element.check](text)))
        if not present and element.check is None and scores is not None:
            # The model reads the element in other words, anywhere in the agreement (a consent step for changes
            # may sit in the admission article rather than the amendment article).
            hit = scores.fires(element.id, 0, len(doc.text))
            if hit is not None:
                present = True
                if dropped is not None:
                    s, e = hit[1]
                    dropped.append(DroppedCandidate(element.id, Dropped.MODEL, doc.text[s:e].strip()[:60],
                                                    f"规则未找到该要素，模型 {hit[0]:.2f}"
                                                    f"（阈值 {scores.model.threshold(element.id):.2f}）认定具备"))
        if not present:
            signals.append(Signal(element.id, "element", element, None))
    if dropped is not None:
        for g in guarded:
            dropped.append(DroppedCandidate(cat.id, Dropped.GUARDED, g.hit.text, guard_reason(doc.norm, g),
                                            f"{g.hit.pattern} 除外 {g.guard}"))
    return signals


_BLANK = re.compile(r"[\s_＿　.。,，:：;；、()（）×xX*…\-—年月日]*")
# What a form prints under a heading besides the blank to fill in: a bracketed hint (“（包括对技术的保密要求）”,
# “（属技术培训合同应当填写培训内容和要求）”) and field captions with nothing after them (“（一）专利申请权：”).
_FORM_HINT = re.compile(r"\([^()\n]{0,80}(?:\n[^()\n]{0,80})?\)")
_CAPTION = re.compile(r"(?m)^[ \t]*(?:\(?[一二三四五六七八九十\d]{1,3}\)?[、.]?)?[^\n:。;]{1,30}:[\s_]*$")


def _says_nothing(body: str) -> bool:
    """Return whether the text under a heading is only blanks, bracketed hints and empty field captions.

    >>> _says_nothing(":\\n\\n  (一)专利申请权:\\n\\n  (二)非专利技术成果的使用权、转让权:\\n")
    True
    >>> _says_nothing("(包括对技术的保密要求):\\n\\n")
    True
    >>> _says_nothing(":\\n  (一)专利申请权归甲方所有。\\n")
    False
    """
    if _BLANK.fullmatch(body):
        return True
    return bool(_BLANK.fullmatch(_CAPTION.sub("", _FORM_HINT.sub("", body))))


#: A heading line that states something (“联盟名称为“……””, “理事会是最高决策机构”) rather than naming a topic.
_STATING_TITLE = re.compile(r"[^\s]{2,}?(?:为|是|由|应当?|须|实行)[^\s]{3,}")


def empty_placements(doc: ParsedDocument, placements: Sequence[Placement]) -> list[Placement]:
    """Return the placements by heading whose body says nothing: a heading over blanks (“九、违约责任：＿＿”).

    A clause that only names its topic leaves everything to be filled in — it is weak, not present.
    """
    out = []
    for p in placements:
        if p.by_heading and _STATING_TITLE.fullmatch(p.region.title.strip()):
            continue  # the “heading” is itself the clause: 第一条 联盟名称为“……”（以下简称“联盟”）。
        if p.by_heading:
            body = doc.norm[p.start : p.end]
        else:  # a numbered item that introduces its content with a colon: the content after the first line
            first, _, body = doc.norm[p.start : p.end].partition("\n")
            if not first.rstrip().endswith(":"):
                continue
        if _says_nothing(mask_notes(body)):
            out.append(p)
    return out


def evidence_for(doc: ParsedDocument, match: SentenceMatch, matched_by: str) -> Evidence:
    """Return evidence quoting the sentence of a match (original text, trimmed)."""
    s, e = match.sentence_start, match.sentence_end
    while s < e and doc.text[s] in " \t\n　":
        s += 1
    while e > s and doc.text[e - 1] in " \t\n　":
        e -= 1
    return Evidence(s, e, doc.text[s:e], doc.article_label(s), matched_by)


def heading_evidence(doc: ParsedDocument, placement: Placement) -> Evidence:
    """Return evidence quoting the first line of a placement (the heading, for a placement by heading)."""
    start = placement.region.start if placement.by_heading else placement.start
    end = doc.text.find("\n", start, placement.end)
    end = placement.end if end < 0 else end
    end = min(end, start + 80)
    kind = "heading" if placement.by_heading else "body"
    return Evidence(start, end, doc.text[start:end], placement.region.label,
                    f"cue:{placement.category}/{kind}:{'、'.join(placement.cues)}")


def selected(library: ClauseLibrary, regimes: Sequence[str]) -> list[Regime]:
    """Return the regime records of the selected ids."""
    return [library.regimes[r] for r in regimes if r in library.regimes]
