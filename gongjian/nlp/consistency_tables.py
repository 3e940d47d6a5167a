"""Tables and amounts of money in an agreement's extracted text, for the consistency checks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongjian.contracts.money import AmountPair
from gongjian.nlp.document import ParsedDocument

# ------------------------------------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Cell:
    """One cell of a tab-separated table row."""

    text: str  # original
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table of the extracted text: consecutive tab-separated lines; the first is the header."""

    title: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int

    def column(self, pattern: str) -> int | None:
        """Return the index of the first header cell matching a regex."""
        return next((i for i, c in enumerate(self.header) if re.search(pattern, c.norm)), None)

    def columns(self, pattern: str) -> list[int]:
        """Return the indices of every header cell matching a regex."""
        return [i for i, c in enumerate(self.header) if re.search(pattern, c.norm)]


_TOTAL_ROW = re.compile(r"^\s*(合计|小计|总计|总额|共计)")


def is_total_row(row: Sequence[Cell]) -> bool:
    """Return whether a table row is a 合计 row."""
    return bool(row) and bool(_TOTAL_ROW.match(row[0].norm))


def find_tables(doc: ParsedDocument) -> tuple[Table, ...]:
    """Return the tab-separated tables of the body (the signature area's layout table is not a table)."""
    stop = doc.structure.signature_start if doc.structure.signature_start is not None else len(doc.text)
    tables: list[Table] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in doc.text[:stop].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        if "\t" not in lines[i][1]:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j][1]:
            j += 1
        block = lines[i:j]
        rows = [tuple(_cells(doc, s, line)) for s, line in block]
        title = lines[i - 1][1].strip() if i > 0 else ""
        tables.append(Table(title, rows[0], tuple(rows[1:]), block[0][0], block[-1][0] + len(block[-1][1])))
        i = j
    return tuple(tables)


def _cells(doc: ParsedDocument, start: int, line: str) -> Iterator[Cell]:
    pos = start
    for part in line.split("\t"):
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        s = pos + lead
        yield Cell(text, doc.norm[s : s + len(text)], s, s + len(text))
        pos += len(part) + 1


_NUMBER_CELL = re.compile(r"^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|万元|亿元|元)?$")


def cell_number(cell: Cell) -> Decimal | None:
    """Return the number a cell holds when it holds only a number (``3000``, ``50``, ``12.5%``), else None."""
    m = _NUMBER_CELL.match(cell.norm)
    if not m:
        return None
    try:
        return Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None


def header_unit(header: str) -> Decimal | None:
    """Return the money factor a table header states: （万元） → 10000, （元） → 1, else None."""
    m = re.search(r"[(（]?(亿元|万元|元)[)）]?\s*$", header) or re.search(r"[(（](亿元|万元|元)[)）]", header)
    if not m:
        return None
    return {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(10) ** 8}[m.group(1)]


# ------------------------------------------------------------------------------------------------------ amounts


@dataclass(frozen=True)
class Money:
    """An amount of money in the text: a 大写/Arabic pair counts once (the Arabic value when paired)."""

    start: int
    end: int
    value: Decimal
    pair: AmountPair | None = None


_ARABIC_MONEY = re.compile(
    r"(?<![\d.,])(?:人民币\s*)?(?:¥\s*)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)"
    r"|(?<![\d.,])¥\s*(?P<num2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(10) ** 8}


def find_money(doc: ParsedDocument, pairs: Sequence[AmountPair]) -> tuple[Money, ...]:
    """Return every amount of money in the text, pairs merged, in text order."""
    out: list[Money] = []
    taken: list[tuple[int, int]] = []
    for p in pairs:
        spans = [(p.capital.start, p.capital.end)] + ([(p.arabic.start, p.arabic.end)] if p.arabic else [])
        s, e = min(a for a, _ in spans), max(b for _, b in spans)
        value = p.arabic.value if p.arabic is not None and p.arabic.value is not None else p.capital.value
        taken.extend(spans)
        if e < len(doc.norm) and doc.norm[e] == ")" and "(" in doc.norm[s:e]:
            e += 1  # 人民币X元整（¥N）: quote the closing bracket too
        if value is not None:
            out.append(Money(s, e, value, p))
    for m in _ARABIC_MONEY.finditer(doc.norm):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        num = m.group("num") or m.group("num2")
        unit = m.group("unit") or "元"
        try:
            value = Decimal(num.replace(",", "")) * _FACTOR[unit]
        except InvalidOperation:  # pragma: no cover
            continue
        out.append(Money(m.start(), m.end(), value))
    return tuple(sorted(out, key=lambda x: x.start))
