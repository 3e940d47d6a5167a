"""Cross-document consistency checks X01–X28 (clause spec §3): what a meticulous reviewer checks by hand.

``consistency_findings(doc, library, regimes)`` runs the checks of :data:`CHECKS` — an explicit tuple of small
named functions, one (or a few) per X id — on one parsed document and returns their findings. Each finding carries
evidence for both sides of a mismatch (offsets into ``doc.text``, ``quote == doc.text[start:end]``), its legal
basis, the clause category the failure makes weak (``Finding.category``) and a concrete suggestion.

Implemented: X01–X18, X20, X21, X22, X24, X25 (X12/X13 from the addresses, USCCs and figures the text states).
Not implemented: X19 (defined terms: needs term extraction and synonym lists), X23 (amendment chain: needs the
supplementary agreements as documents of their own), X26 (non-money numbers in words vs numerals: no reliable way
to tell which two mentions are the same item), X27 (entity consistency: needs the 章程 and the application form),
X28 (money-unit plausibility: no reliable scale without the application's figures).

Modules: ``consistency_base`` (context, members, evidence), ``consistency_tables`` (tables, amounts),
``consistency_names`` (X01 X02 X03 X11), ``consistency_members`` (X04 X05 X12 X13 X14), ``consistency_amounts``
(X06 X08 X15 X17 X24), ``consistency_shares`` (X07 X20), ``consistency_text`` (X09 X10 X16 X18),
``consistency_regimes`` (X21 X22 X25).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from gongjian.clauses.library import ClauseLibrary, load_library
from gongjian.nlp.consistency_amounts import check_amounts, check_copies, check_funding, check_governance, check_kpi
from gongjian.nlp.consistency_base import Check, Context
from gongjian.nlp.consistency_members import (
    check_composition,
    check_location,
    check_tasks,
    check_thresholds,
    check_uscc_codes,
)
from gongjian.nlp.consistency_names import check_lead, check_names, check_signatories, check_signature_blocks
from gongjian.nlp.consistency_regimes import check_naming, check_prohibitions, check_report_deadline
from gongjian.nlp.consistency_shares import check_share_alignment, check_shares
from gongjian.nlp.consistency_text import (
    check_dates,
    check_forum,
    check_placeholders,
    check_references,
)
from gongjian.nlp.document import ParsedDocument
from gongjian.nlp.findings import SEVERITY_ORDER, Finding

__all__ = ["CATEGORY_OF", "CHECKS", "Check", "Context", "consistency_findings"]

#: The checks, in the order their findings are produced (then sorted by severity and position).
CHECKS: tuple[Check, ...] = (
    check_names,  # X01
    check_lead,  # X02
    check_signature_blocks,  # X03 (and X01 for a block whose label names another member)
    check_composition,  # X04
    check_uscc_codes,  # X05
    check_amounts,  # X06
    check_shares,  # X07
    check_funding,  # X08
    check_dates,  # X09
    check_forum,  # X10
    check_signatories,  # X11
    check_location,  # X12
    check_thresholds,  # X13
    check_tasks,  # X14
    check_governance,  # X15
    check_references,  # X16
    check_copies,  # X17
    check_placeholders,  # X18
    check_share_alignment,  # X20
    check_prohibitions,  # X21
    check_naming,  # X22
    check_kpi,  # X24
    check_report_deadline,  # X25
)

#: X id → the clause category a failure makes weak by default. ``Finding.category`` is the precise one: X01 is
#: C17 when the variant is in a signature block, X07 is C09 / C07 / C06 by what the group allocates, and X16 and
#: X18 take the category of the article the reference or placeholder sits in (None here: no fixed category).
CATEGORY_OF: dict[str, str | None] = {
    "X01": "C01",
    "X02": "C01",
    "X03": "C17",
    "X04": "C01",
    "X05": "C01",
    "X06": "C06",
    "X07": "C09",
    "X08": "C06",
    "X09": "C16",
    "X10": "C13",
    "X11": "C17",
    "X12": "C01",
    "X13": "C01",
    "X14": "C03",
    "X15": "C05",
    "X16": None,
    "X17": "C17",
    "X18": None,
    "X20": "C09",
    "X21": "C14",
    "X22": "C23",
    "X24": "C19",
    "X25": "C19",
}


def consistency_findings(
    doc: ParsedDocument,
    library: ClauseLibrary | None = None,
    regimes: Sequence[str] = (),
    *,
    covered: Iterable[tuple[int, int]] | None = None,
    category_at: Callable[[int], str | None] | None = None,
    checks: Sequence[Check] = CHECKS,
) -> list[Finding]:
    """Run the consistency checks on one document.

    Args:
        doc: the parsed document.
        library: the clause library (the packaged one by default).
        regimes: the ids of the regimes the document is judged against (regime rules apply only to these).
        covered: sentence spans a category defect already reports (e.g. C13 或裁或诉); X10 does not report the
            same span again (a conflict between two dispute clauses is still reported).
        category_at: offset → category placed there; by default computed with the detector's placement.
        checks: the checks to run (all by default).

    Returns:
        The findings, errors first, then by position.

    Raises:
        UnknownId: an unknown regime id.
    """
    library = library or load_library()
    chosen = tuple(library.regime(r) for r in regimes if r != "auto")
    ctx = Context(doc, library, chosen, frozenset(covered or ()), category_at)
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for check in checks:
        for f in check(ctx):
            key = (f.rule_id, f.message, tuple((e.start, e.end) for e in f.evidence))
            if key not in seen:
                seen.add(key)
                findings.append(f)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.evidence[0].start if f.evidence else -1, f.rule_id))
    return findings
