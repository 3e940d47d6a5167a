"""The size limits of every input gongjian reads, in one place.

A real agreement has 3,000–60,000 characters and fewer than 100 pages; each limit is far above that, and low
enough that one hostile upload (a zip or flate bomb, a 10,000-row table, a 2,000-page PDF, a billion-laughs YAML)
is refused in a fraction of a second instead of stalling a server (issue 13, item 11). ``benchmarks/limits.py``
measures the time and memory of inputs at and beyond them. A reader that meets a limit raises
``DocumentUnreadable`` (a spec: ``SpecInvalid``) with :func:`too_large` as its message: exit code 2.
"""

from __future__ import annotations

#: Characters of extracted text in one document (the longest real agreement has about 60,000).
MAX_CHARS = 1_000_000
#: Bytes of a text file (.txt, .md) before decoding: MAX_CHARS characters in any encoding, with room for spaces.
MAX_TEXT_BYTES = 8 * 1024 * 1024
#: Pages of a PDF (a real agreement has fewer than 100, its annexes included).
MAX_PAGES = 300
#: Characters drawn on one PDF page (a dense A4 page of 10-point text holds about 3,000).
MAX_PAGE_CHARS = 10_000
#: Characters drawn in a whole PDF: pdfplumber takes about 0.1 ms a character, so a PDF is bounded lower than text.
MAX_PDF_CHARS = 300_000
#: Decompressed bytes of one PDF stream that is read (content, fonts; images are never decompressed).
MAX_STREAM_BYTES = 16 * 1024 * 1024
#: Rows of all the tables of one document (a real agreement's annexes have a few hundred).
MAX_TABLE_ROWS = 5_000
#: Decompressed bytes of the XML parts of a .docx (a 100-page agreement's document.xml has a few MB).
MAX_XML_BYTES = 32 * 1024 * 1024
#: Decompressed bytes of a whole .docx, pictures included (beyond: a zip bomb).
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: Entries of a .docx zip.
MAX_ENTRIES = 10_000
#: Characters of one sentence as the rules read it: a longer run of text without 。；！？ or a line break is read in
#: pieces of this length (the longest sentence of the corpora has 384), so that no pattern runs on more.
MAX_SENTENCE_CHARS = 1_000
#: Digits (or Chinese numerals) of a run that the rules read: a longer run is read as its last 32 (no number has
#: more; the 18-character USCC is the longest code an agreement writes).
MAX_RUN_CHARS = 32
#: Characters of one paragraph (line) as the category cues read it, and of the runs of sentences in which elements
#: are looked for (the longest line of the corpora has 577 characters).
MAX_PARAGRAPH_CHARS = 2_000
#: Bytes of an agreement spec (YAML); a complete spec for 30 members has about 30 KB.
MAX_SPEC_BYTES = 1024 * 1024
#: Values in an agreement spec once its aliases are expanded (a spec for 30 members has about 2,000).
MAX_SPEC_NODES = 100_000


def too_large(name: str, what: str, limit: int, size: int | None = None, unit: str = "个") -> tuple[str, str]:
    """Return the message and hint for an input beyond a limit (``size`` None: known only to exceed it).

    >>> too_large("协议.txt", "字符", MAX_CHARS, 1_200_000)[0]
    '文件超出审查上限：协议.txt（字符 1,200,000 个，上限 1,000,000 个）'
    >>> too_large("协议.pdf", "页数", MAX_PAGES, unit="页")[0]
    '文件超出审查上限：协议.pdf（页数超过上限 300 页）'
    """
    amount = f"{what} {size:,} {unit}，上限" if size is not None else f"{what}超过上限"
    return (f"文件超出审查上限：{name}（{amount} {limit:,} {unit}）",
            "真实的协议远小于此上限；请确认文件是否正确，或拆分后分别审查")
