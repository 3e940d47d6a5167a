"""The public API behind the CLI: every command is one call here, so other programs use the same functions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gongjian.clauses.library import ClauseLibrary, load_library


@dataclass(frozen=True)
class DraftResult:
    """What ``draft_file`` wrote."""

    path: Path
    articles: int
    members: int
    tables: int


def init_spec(regime_id: str, output: str | Path, *, force: bool = False,
              library: ClauseLibrary | None = None) -> Path:
    """Write a regime's commented sample spec to ``output``.

    Raises:
        UnknownId: no such regime.
        OutputExists: ``output`` exists and ``force`` is false.
    """
    from gongjian.templates.render import write_atomically
    from gongjian.templates.samples import commented_sample

    library = library or load_library()
    regime = library.regime(regime_id)
    text = commented_sample(regime.id)
    out = Path(output)
    write_atomically(out, lambda p: p.write_text(text, "utf-8"), force=force)
    return out


def draft_file(spec: str | Path, output: str | Path, *, regimes: tuple[str, ...] = (), fmt: str = "docx",
               force: bool = False, library: ClauseLibrary | None = None) -> DraftResult:
    """Validate an agreement spec and draft the agreement.

    Raises:
        SpecInvalid: the spec is invalid (every problem at once); nothing is written.
        OutputExists: ``output`` exists and ``force`` is false.
        UnknownId: an unknown regime was given.
    """
    from gongjian.templates.render import build_articles, draft
    from gongjian.templates.spec import load_spec

    library = library or load_library()
    for rid in regimes:
        library.regime(rid)
    out = Path(output)
    if out.exists() and not force:  # say so before validating: the user's file is never touched
        from gongjian.errors import OutputExists

        raise OutputExists(str(out))
    agreement = load_spec(spec, library, regimes=regimes)
    draft(agreement, library, out, fmt=fmt, force=force)
    articles = build_articles(agreement, library)
    return DraftResult(out, len(articles), len(agreement.members), sum(a.table is not None for a in articles))
