"""The one parsed document every detector reads: text, normalised text, structure, source blocks."""

from __future__ import annotations

from dataclasses import dataclass

from gongjian.contracts.text import normalise
from gongjian.nlp.reading import RawDocument, read_document, read_text
from gongjian.nlp.structure import Article, Structure, parse_structure


@dataclass(frozen=True)
class Region:
    """A stretch of the document that is classified: a unit (article), the preamble or the signature area."""

    label: str  # 第八条, 首部, 签署页
    title: str
    start: int
    end: int
    heading_end: int
    kind: str  # unit | preamble | signature
    title_end: int = -1  # where the heading's title ends: the rest of the line ("投资总额：＿＿") is content


@dataclass(frozen=True)
class ParsedDocument:
    """A document ready for checking.

    Attributes:
        file: the file name (or ``<text>``).
        text: the extracted text; evidence offsets index it.
        norm: ``text`` normalised for matching (same length).
        structure: articles, parties, signature blocks.
        regions: the preamble, every unit, and the signature area, in order.
        raw: the reader's result (blocks and their map back to the source), when read from a file.
    """

    file: str
    text: str
    norm: str
    structure: Structure
    regions: tuple[Region, ...]
    raw: RawDocument | None = None

    def region_at(self, offset: int) -> Region | None:
        """Return the region that contains an offset."""
        return next((r for r in self.regions if r.start <= offset < r.end), None)

    def article_label(self, offset: int) -> str | None:
        """Return the label of the article (or 首部 / 签署页) at an offset."""
        region = self.region_at(offset)
        return region.label if region else None


def _regions(text: str, structure: Structure) -> tuple[Region, ...]:
    units: tuple[Article, ...] = structure.units
    regions: list[Region] = []
    body_start = units[0].start if units and structure.unit_style != "paragraph" else 0
    if body_start > 0:
        regions.append(Region("首部", "", 0, body_start, 0, "preamble"))
    for u in units:
        regions.append(Region(u.name if u.style != "paragraph" else u.label, u.title, u.start, u.end,
                              u.heading_end if u.title else u.start, "unit",
                              u.title_end if u.title and u.title_end >= 0 else u.start))
    if structure.signature_start is not None:
        regions.append(Region("签署页", "", structure.signature_start, len(text), structure.signature_start,
                              "signature"))
    return tuple(regions)


def parse_text(text: str, file: str = "<text>", raw: RawDocument | None = None) -> ParsedDocument:
    """Parse plain text into a :class:`ParsedDocument`."""
    structure = parse_structure(text)
    return ParsedDocument(file, text, normalise(text), structure, _regions(text, structure), raw)


def parse_file(path) -> ParsedDocument:
    """Read a file (.docx, .pdf, .txt, .md) and parse it.

    Raises:
        DocumentUnreadable: the file cannot be read.
    """
    raw = read_document(path)
    return parse_text(raw.text, raw.path, raw)


def parse_string(text: str, name: str = "<text>") -> ParsedDocument:
    """Parse a string (no file)."""
    raw = read_text(text, name)
    return parse_text(raw.text, name, raw)
