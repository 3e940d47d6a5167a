"""Findings and reports: frozen records that carry their evidence and legal basis (DESIGN.md "Report").

Offsets index the extracted plain text of the document, so ``text[start:end] == quote``. Formatters choose what to
show; nothing is removed from a report after it is built.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Dropped(StrEnum):
    """Why a candidate was dropped (shown by ``--explain``)."""

    GUARDED = "guarded"
    COVERED = "covered-by-specific-rule"
    BELOW_THRESHOLD = "below-threshold"
    MODEL = "model-score"  # not dropped: the clause model's best score for a category, beside the rules' verdict


@dataclass(frozen=True)
class Evidence:
    """A quoted span of the document and what matched it."""

    start: int
    end: int
    quote: str
    article: str | None = None
    matched_by: str = ""
    file: str | None = None  # set when the evidence is in another file than the report's (``gongjian verify``)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the evidence (``file`` only when it is another file)."""
        data = asdict(self)
        if self.file is None:
            del data["file"]
        return data


@dataclass(frozen=True)
class Finding:
    """One problem the checker reports."""

    rule_id: str
    severity: str
    message: str
    category: str | None = None
    basis: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the finding."""
        data = asdict(self)
        data["basis"] = list(self.basis)
        data["requirements"] = list(self.requirements)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data


@dataclass(frozen=True)
class CategoryResult:
    """The status of one category in a document."""

    id: str
    name: str
    status: str  # present | weak | missing
    required: dict[str, str]
    articles: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the category result."""
        return {"id": self.id, "name": self.name, "status": self.status, "required": dict(self.required),
                "articles": list(self.articles), "evidence": [e.to_dict() for e in self.evidence]}


#: How ``--explain`` names the reasons (``Dropped``) for a reader.
DROPPED_NAMES = {
    Dropped.GUARDED: "防误报规则排除",
    Dropped.COVERED: "已由更具体的规则报告",
    Dropped.BELOW_THRESHOLD: "未达阈值",
    Dropped.MODEL: "条款模型",
}


@dataclass(frozen=True)
class DroppedCandidate:
    """A candidate finding that was considered and dropped (for ``--explain``).

    ``detail`` is for a reader (what matched, in the document's words); ``pattern`` holds the library's regular
    expressions behind it, shown only with ``--debug``.
    """

    rule_id: str
    reason: Dropped
    quote: str
    detail: str = ""
    pattern: str = ""


@dataclass(frozen=True)
class Report:
    """The result of checking one document."""

    file: str
    document_type: dict[str, str]
    regimes: tuple[str, ...]
    regime_source: str  # given | detected | none
    regime_reason: str
    categories: tuple[CategoryResult, ...]
    findings: tuple[Finding, ...]
    dropped: tuple[DroppedCandidate, ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = ()
    signatures: dict[str, Any] = field(default_factory=dict)  # see :func:`gongjian.nlp.check.signature_facts`
    attachments: tuple[dict[str, str], ...] = ()  # ``gongjian verify``: the other files of the package and their role

    @property
    def summary(self) -> dict[str, int]:
        """Return the count of findings per severity."""
        counts = {"errors": 0, "warnings": 0, "info": 0}
        for f in self.findings:
            counts[{"error": "errors", "warning": "warnings", "info": "info"}[f.severity]] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        """Return whether any finding is an error."""
        return any(f.severity == "error" for f in self.findings)

    def status(self, category_id: str) -> str:
        """Return the status of one category."""
        return next(c.status for c in self.categories if c.id == category_id)

    def rule_ids(self) -> set[str]:
        """Return the rule ids of all findings."""
        return {f.rule_id for f in self.findings}

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """Return the JSON form of the report (DESIGN.md "Report")."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "file": self.file,
            "document_type": dict(self.document_type),
            "regimes": list(self.regimes),
            "regime_source": self.regime_source,
            "regime_reason": self.regime_reason,
            "categories": [c.to_dict() for c in self.categories],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }
        if self.signatures:
            data["signatures"] = dict(self.signatures)
        if self.attachments:
            data["attachments"] = [dict(a) for a in self.attachments]
        if self.warnings:
            data["notes"] = list(self.warnings)
        if explain:
            data["dropped"] = [asdict(d) for d in self.dropped]
        return data


def error_record(file: str, error_type: str, message: str) -> dict[str, Any]:
    """Return the record for a file that could not be read (the batch goes on)."""
    return {"schema_version": SCHEMA_VERSION, "file": file, "error": {"type": error_type, "message": message}}
