"""Load the clause library (YAML data + policy texts) into frozen models, and validate it.

``load_library()`` is the one entry point. It validates everything and raises :class:`LibraryInvalid` listing every
problem at once, each prefixed with its file and id. A validated library is cached (pickle, keyed by the data
files' names, sizes and modification times) so that browse commands start fast.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from gongjian.clauses.citation import cite
from gongjian.clauses.schema import REGIME_IDS, Category, Level, Lexicon, Pattern, Regime
from gongjian.errors import LibraryInvalid, UnknownId

DATA_DIR = Path(__file__).parent / "data"
CACHE_VERSION = 1
_LEVEL_ORDER: dict[str, int] = {"MUST-A": 0, "MUST-C": 1, "SHOULD": 2, "PROC": 3, "LAW": 4, "INFO": 5}
_WS = re.compile(r"\s+")

try:  # the C loader is several times faster; fall back when PyYAML was built without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class ClauseLibrary:
    """The validated clause library.

    Attributes:
        categories: C01–C25 in order.
        regimes: the five regimes, in the spec's order.
        lexicon: the cross-cutting weakness lexicon.
        policies: policy file name → text.
        sources: record id → the data file it came from (for messages).
    """

    categories: dict[str, Category]
    regimes: dict[str, Regime]
    lexicon: Lexicon
    policies: dict[str, str]
    sources: dict[str, str] = field(default_factory=dict)

    def category(self, category_id: str) -> Category:
        """Return a category by id (case-insensitive).

        Raises:
            UnknownId: no such category; the message lists the valid ids.
        """
        key = category_id.strip().upper()
        if key not in self.categories:
            raise UnknownId("条款类别", category_id, self.categories)
        return self.categories[key]

    def regime(self, regime_id: str) -> Regime:
        """Return a regime by id.

        Raises:
            UnknownId: no such regime; the message lists the valid ids.
        """
        key = regime_id.strip().lower()
        if key not in self.regimes:
            raise UnknownId("制度", regime_id, self.regimes)
        return self.regimes[key]

    def level(self, category_id: str, regime_id: str) -> Level | None:
        """Return how a regime requires a category (MUST-A … LAW), or None when it does not."""
        req = self.categories[category_id].requirements.get(regime_id)
        return req.level if req else None

    def required(self, regime_ids: list[str] | tuple[str, ...]) -> list[str]:
        """Return the ids of the categories any of the regimes requires at any level, in C-order."""
        return [c for c in self.categories if any(self.level(c, r) for r in regime_ids)]

    def strongest_level(self, category_id: str, regime_ids: list[str] | tuple[str, ...]) -> Level | None:
        """Return the strongest level at which any of the regimes requires the category.

        With no regime (the law-level baseline) the category's ``law_level`` applies.
        """
        if not regime_ids:
            return self.categories[category_id].law_level
        levels = [lv for r in regime_ids if (lv := self.level(category_id, r))]
        return min(levels, key=_LEVEL_ORDER.__getitem__) if levels else None

    # ------------------------------------------------------------------------------------------- citations

    def policy_titles(self) -> dict[str, str]:
        """Return policy file name → the policy's title (the regime's ``name``)."""
        return {r.policy_file: r.name for r in self.regimes.values()}

    def cite(self, basis: str) -> str:
        """Return one basis string as a lawyer cites it (see :func:`gongjian.clauses.citation.cite`).

        >>> load_library().cite("004_552c305ebc467d0d.txt 五(一)2")
        '《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2'
        """
        return cite(basis, self.policy_titles())

    def cited_regimes(self, basis: str) -> set[str]:
        """Return the ids of the regimes whose policy a basis string cites (by file name or by title)."""
        return {rid for rid, r in self.regimes.items() if r.policy_file in basis or r.name in basis}

    def cite_basis(self, basis: Iterable[str], regimes: Sequence[str] | None = None) -> tuple[str, ...]:
        """Return a finding's basis as a report shows it: cited by title, and only what applies.

        With ``regimes`` (the regimes the document is judged against; empty for the law-level baseline) a
        citation of another regime's policy is left out; statutes and national rules always stay. ``None`` keeps
        everything. The policies come first, then the law (as in DESIGN.md's example). Duplicates go, and so does
        a citation that a longer one of the same policy contains (``《…》附件2 五`` next to ``《…》五(一)2、附件2 五``).

        >>> lib = load_library()
        >>> lib.cite_basis(["000_dfa3ab0701a0a92f.txt 第九条(六)", "004_552c305ebc467d0d.txt 五(一)2",
        ...                 "民法典 第八百六十条"], ["cq-liangjiang"])
        ('《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2', '《民法典》第八百六十条')
        >>> lib.cite_basis(["民法典 第八百六十条", "004_552c305ebc467d0d.txt 五(一)2"], ["cq-liangjiang"])
        ('《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2', '《民法典》第八百六十条')
        >>> lib.cite_basis(["004_552c305ebc467d0d.txt 五(一)2", "民法典 第八百六十条"], [])
        ('《民法典》第八百六十条',)
        """
        allowed = None if regimes is None else set(regimes)
        titles = self.policy_titles()
        kept = [b for b in basis if allowed is None or self.cited_regimes(b) <= allowed]
        kept.sort(key=lambda b: not self.cited_regimes(b))  # the policy first, then the law (DESIGN.md “Report”)
        cited = list(dict.fromkeys(cite(b, titles) for b in kept))
        return tuple(c for c in cited if not any(o != c and _covers(o, c) for o in cited))

    def requirement_regime(self, requirement_id: str) -> str | None:
        """Return the regime a requirement id belongs to, by its prefix (``CQL-02d`` → cq-liangjiang)."""
        prefix = requirement_id.partition("-")[0]
        return next((rid for rid, r in self.regimes.items()
                     if r.requirements and r.requirements[0].id.partition("-")[0] == prefix), None)

    def requirements_of(self, requirement_ids: Iterable[str], regimes: Sequence[str] | None) -> tuple[str, ...]:
        """Return the requirement ids that belong to the regimes (all of them when ``regimes`` is None).

        >>> load_library().requirements_of(["JSF-10", "JSC-02", "CQL-02d"], ["cq-liangjiang"])
        ('CQL-02d',)
        """
        ids = tuple(dict.fromkeys(requirement_ids))
        if regimes is None:
            return ids
        return tuple(i for i in ids if self.requirement_regime(i) in regimes)


def _covers(longer: str, shorter: str) -> bool:
    """Return whether one citation names every article another of the same title names.

    >>> _covers("《办法》五(一)2、附件2 五", "《办法》附件2 五"), _covers("《办法》五(一)2", "《民法典》五(一)2")
    (True, False)
    """
    if not shorter.startswith("《") or "；" in longer + shorter:
        return False
    title, _, articles = shorter.partition("》")
    other_title, _, other_articles = longer.partition("》")
    return title == other_title and set(articles.split("、")) <= set(other_articles.split("、"))


def _data_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".txt"} and p.is_file())


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256(f"{CACHE_VERSION}:{root.resolve()}".encode())
    for p in _data_files(root):
        st = p.stat()
        digest.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def _cache_dir() -> Path:
    base = os.environ.get("GONGJIAN_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "gongjian" if base else Path.home() / ".cache" / "gongjian"


def _read_yaml(path: Path, problems: list[str]) -> object | None:
    try:
        return yaml.load(path.read_text("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        problems.append(f"{path.name}: YAML 语法错误 {where}：{getattr(exc, 'problem', exc)}")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: 无法读取：{exc}")
    return None


def _pydantic_problems(path: Path, record_id: str, exc: ValidationError) -> Iterator[str]:
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        kind = "未知字段" if err["type"] == "extra_forbidden" else err["msg"]
        yield f"{path.name}: {record_id}: {loc}: {kind}"


def _load_folder(folder: Path, model, kind: str, problems: list[str], sources: dict[str, str]) -> dict:
    """Validate every YAML file of a folder as ``model``; collect problems instead of stopping at the first."""
    records: dict = {}
    for path in sorted(folder.glob("*.yaml")):
        raw = _read_yaml(path, problems)
        if raw is None:
            continue
        record_id = raw.get("id", "?") if isinstance(raw, dict) else "?"
        try:
            record = model.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(path, record_id, exc))
            continue
        if record.id in records:
            problems.append(f"{path.name}: {record.id}: {kind}编号重复（另见 {sources[record.id]}）")
            continue
        records[record.id] = record
        sources[record.id] = path.name
    return records


def _parse(root: Path) -> tuple[ClauseLibrary, list[str]]:
    problems: list[str] = []
    sources: dict[str, str] = {}
    categories: dict[str, Category] = _load_folder(root / "categories", Category, "类别", problems, sources)
    regimes: dict[str, Regime] = _load_folder(root / "regimes", Regime, "制度", problems, sources)
    lexicon: Lexicon | None = None
    lex_path = root / "lexicon.yaml"
    raw = _read_yaml(lex_path, problems) if lex_path.exists() else None
    if not lex_path.exists():
        problems.append("lexicon.yaml: 缺少弱化措辞词库文件")
    elif raw is not None:
        try:
            lexicon = Lexicon.model_validate(raw)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(lex_path, "lexicon", exc))
    policies = {p.name: p.read_text("utf-8") for p in sorted((root / "policies").glob("*.txt"))}
    ordered_regimes = {r: regimes[r] for r in REGIME_IDS if r in regimes}
    library = ClauseLibrary(
        categories=dict(sorted(categories.items())),
        regimes=ordered_regimes,
        lexicon=lexicon if lexicon is not None else Lexicon.model_construct(schema_version=1, families=()),
        policies=policies,
        sources=sources,
    )
    return library, problems


def load_library(root: str | Path | None = None, *, use_cache: bool = True) -> ClauseLibrary:
    """Load and validate the clause library.

    Args:
        root: the data folder; defaults to the package's own ``clauses/data``.
        use_cache: reuse a previously validated copy when the data files have not changed.

    Returns:
        The validated library.

    Raises:
        LibraryInvalid: listing every problem found, each prefixed with its file and id.
    """
    root = Path(root) if root is not None else DATA_DIR
    cache_file = _cache_dir() / f"library-{_fingerprint(root)}.pickle" if use_cache else None
    if cache_file is not None and cache_file.exists():
        try:
            with cache_file.open("rb") as fh:
                library = pickle.load(fh)  # noqa: S301 - our own cache file, written below
            if isinstance(library, ClauseLibrary):
                return library
        except Exception:  # noqa: BLE001 - a stale or truncated cache is simply rebuilt
            pass
    library, problems = _parse(root)
    if not problems:
        from gongjian.clauses.validation import problems as library_problems

        problems = list(library_problems(library))
    if problems:
        raise LibraryInvalid(problems, hint="这是条款库数据的问题：按提示修改 clauses/data 下的文件")
    if cache_file is not None:
        _write_cache(cache_file, library)
    return library


def _write_cache(cache_file: Path, library: ClauseLibrary) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(library, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except OSError:  # a read-only home is fine: the library is simply validated again next time
        pass


def policy_contains(policy_text: str, quote: str) -> bool:
    """Return whether a quote occurs in a policy text, ignoring whitespace only (spec §0.1).

    >>> policy_contains("协议应明确技术创新\\n目标", "技术创新目标")
    True
    >>> policy_contains("协议应明确技术创新目标", "技术创新指标")
    False
    """
    return _WS.sub("", quote) in _WS.sub("", policy_text)


def iter_patterns(library: ClauseLibrary) -> Iterator[tuple[str, Pattern]]:
    """Yield ``(where, pattern)`` for every pattern in the library (for validation and the tokenizer)."""
    for cat in library.categories.values():
        for cue in cat.cues:
            yield f"{cat.id}/cue", cue
        for el in cat.elements:
            for p in el.any_of:
                yield el.id, p
        for d in cat.defects:
            for group in (d.patterns, d.near, d.absent):
                for p in group:
                    yield d.id, p
    for fam in library.lexicon.families:
        for group in (fam.patterns, fam.absent):
            for p in group:
                yield f"L.{fam.id}", p
    for regime in library.regimes.values():
        for p in regime.detection:
            yield f"{regime.id}/detection", p
        for pr in regime.prohibitions:
            for group in (pr.patterns, pr.absent):
                for p in group:
                    yield pr.id, p
