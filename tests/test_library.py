"""The clause library validates, is complete, and its validator reports every problem at once."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from gongjian.clauses.library import DATA_DIR, load_library
from gongjian.clauses.validation import CATEGORY_IDS, problems
from gongjian.errors import LibraryInvalid, UnknownId


def test_library_has_no_problems(library):
    assert list(problems(library)) == []


def test_library_has_all_categories_and_regimes(library):
    assert list(library.categories) == list(CATEGORY_IDS)
    assert list(library.regimes) == ["js-fusion", "js-consortium", "js-tech-center", "jl-industry-center",
                                     "cq-liangjiang"]
    assert len(library.policies) == 5


@pytest.mark.parametrize("cid", CATEGORY_IDS)
def test_category_has_three_rules_with_examples(library, cid):
    cat = library.categories[cid]
    assert sum(bool(e.examples) for e in cat.elements) + sum(bool(d.examples) for d in cat.defects) >= 3
    assert cat.drafting.texts


def test_cq_liangjiang_requires_the_eight_template_parts(library):
    # 004 五(一)2 and 附件2: goals, tasks, rights, IP, revenue, integrity, breach, disputes, dissolution, signing.
    for cid in ("C02", "C03", "C04", "C07", "C08", "C09", "C11", "C12", "C13", "C15", "C17"):
        assert library.level(cid, "cq-liangjiang") == "MUST-A", cid


def test_cq_liangjiang_signature_needs_legal_representative_and_seal(library):
    sig = library.regimes["cq-liangjiang"].signature
    assert sig.legal_representative and sig.official_seal and sig.both_required
    assert not sig.authorised_representative_allowed


def test_unknown_ids_list_the_choices(library):
    with pytest.raises(UnknownId) as exc:
        library.regime("cq")
    assert "cq-liangjiang" in exc.value.hint
    with pytest.raises(UnknownId) as exc:
        library.category("C26")
    assert "C25" in exc.value.hint
    assert library.category("c07").id == "C07"


def test_cached_library_equals_fresh_one(tmp_path, monkeypatch, library):
    monkeypatch.setenv("GONGJIAN_CACHE_DIR", str(tmp_path))
    first = load_library()
    assert list(tmp_path.rglob("library-*.pickle"))
    second = load_library()
    assert second.categories == library.categories == first.categories


def test_read_only_cache_dir_is_not_fatal(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GONGJIAN_CACHE_DIR", str(blocker))  # a file where a folder should be
    assert load_library().categories


# ---------------------------------------------------------------------------------------------- broken library


def _edit(path, change):
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def broken_root(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    cats = root / "categories"
    c07 = next(cats.glob("c07_*.yaml"))
    c13 = next(cats.glob("c13_*.yaml"))
    c09 = next(cats.glob("c09_*.yaml"))

    def c07_change(d):
        d["colour"] = "red"                                    # unknown key
        d["elements"][0]["check"] = "no_such_check"            # unknown check name
        d["requirements"]["cq-liangjiang"]["requirement_ids"] = ["CQL-99"]  # unknown requirement id
    _edit(c07, c07_change)

    def c13_change(d):
        d["defects"][0]["examples"] = []                       # a defect without examples
        d["defects"][1]["id"] = d["defects"][0]["id"]          # duplicate id
        d["requirements"]["hainan"] = {"level": "MUST-A", "cite": "x"}  # unknown regime
    _edit(c13, c13_change)

    def c09_change(d):
        d["defects"][0]["patterns"] = [{"text": "（未闭合", "regex": True}]  # bad regex
    _edit(c09, c09_change)

    def cq_change(d):
        d["requirements"][0]["quotes"][0]["text"] = "这句话不在政策原文里"  # quote not found
    _edit(root / "regimes" / "cq-liangjiang.yaml", cq_change)
    (root / "categories" / "c99_bad.yaml").write_text("id: [unclosed\n", "utf-8")  # YAML syntax error
    return root


def test_broken_library_reports_every_problem_at_once(broken_root):
    with pytest.raises(LibraryInvalid) as exc:
        load_library(broken_root, use_cache=False)
    text = "\n".join(exc.value.problems)
    assert "c99_bad.yaml: YAML 语法错误 第 2 行" in text or "c99_bad.yaml: YAML 语法错误 第 1 行" in text
    assert "C07: colour: 未知字段" in text
    assert "C13: defects.0.examples" in text
    assert "hainan" in text
    assert "C09: defects.0.patterns" not in text  # a regex problem is found by cross-validation, below


def test_cross_record_problems_are_reported_with_file_and_id(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    cats = root / "categories"

    def c07_change(d):
        d["elements"][0]["check"] = "no_such_check"
        d["requirements"]["cq-liangjiang"]["requirement_ids"] = ["CQL-99"]
        d["drafting"]["texts"][0]["text"] += "{{ no_such_field }}"
        d["basis"].append("009_0123456789abcdef.txt 第一条")  # a policy no regime has: no title to cite
    _edit(next(cats.glob("c07_*.yaml")), c07_change)

    def c13_change(d):
        d["defects"][1]["id"] = d["defects"][0]["id"]
    _edit(next(cats.glob("c13_*.yaml")), c13_change)

    def c09_change(d):
        d["defects"][0]["patterns"] = [{"text": "(未闭合", "regex": True}]
    _edit(next(cats.glob("c09_*.yaml")), c09_change)

    def cq_change(d):
        d["requirements"][0]["quotes"][0]["text"] = "这句话不在政策原文里"
    _edit(root / "regimes" / "cq-liangjiang.yaml", cq_change)
    with pytest.raises(LibraryInvalid) as exc:
        load_library(root, use_cache=False)
    text = "\n".join(exc.value.problems)
    c07 = next(cats.glob("c07_*.yaml")).name
    assert f"{c07}: C07.E1: 未知的检查名 'no_such_check'" in text
    assert "制度 cq-liangjiang 中没有要求编号 CQL-99" in text
    assert "模板变量 'no_such_field' 不是协议模型的字段" in text
    assert "编号重复 2 次" in text
    assert f"{c07}: C07: 依据中的政策文件 009_0123456789abcdef.txt 不是任何制度的 policy_file" in text
    assert "正则 '(未闭合' 无效" in text
    assert "cq-liangjiang.yaml" in text and "引文在 004_552c305ebc467d0d.txt 中找不到：「这句话不在政策原文里」" in text
    assert len(exc.value.problems) >= 6


# ------------------------------------------------------------------------------------- what a lawyer reads

_POLICY_NUMBER = re.compile(r"(?<![\d_])00[0-4]号|(?<![\d_.A-Za-z])00[0-4] (?=[第一二三四五六七八九十附])")
_POLICY_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
#: Fields that cite a policy in the spec's style (file name and article); a report shows them by title.
_CITATION_FIELDS = {"basis", "cite", "policy_file", "quotes"}


def _texts(record, where: str):
    """Yield (where, text) for every string of a library record except its citations."""
    from pydantic import BaseModel

    if isinstance(record, BaseModel):
        for name in type(record).model_fields:
            if name not in _CITATION_FIELDS:
                yield from _texts(getattr(record, name), f"{where}.{name}")
    elif isinstance(record, tuple | list):
        for i, item in enumerate(record):
            yield from _texts(item, f"{where}[{i}]")
    elif isinstance(record, dict):
        for key, item in record.items():
            yield from _texts(item, f"{where}.{key}")
    elif isinstance(record, str):
        yield where, record


def test_no_data_file_names_a_policy_by_its_number():
    """Messages name a policy as a lawyer knows it (《江苏省创新联合体建设工作指引》), not “001号指引” or
    “003 第十条”."""
    found = [f"{p.name}:{n}" for p in sorted(DATA_DIR.rglob("*.yaml"))
             for n, line in enumerate(p.read_text("utf-8").splitlines(), 1) if _POLICY_NUMBER.search(line)]
    assert found == []


def test_messages_and_suggestions_never_show_a_policy_file_name(library):
    records = [*library.categories.values(), *library.regimes.values(), library.lexicon]
    found = [where for r in records for where, text in _texts(r, getattr(r, "id", "lexicon"))
             if _POLICY_FILE.search(text)]
    assert found == []


def test_every_basis_is_cited_by_title(library):
    """The basis of every record turns into citations without file names: 《…管理办法（征求意见稿）》五(一)2."""
    bases = {b for c in library.categories.values()
             for b in (*c.basis, *(r.cite for r in c.requirements.values()),
                       *(b for e in c.elements for b in e.basis), *(b for d in c.defects for b in d.basis))}
    bases |= {b for f in library.lexicon.families for b in f.basis}
    for b in bases:
        cited = library.cite(b)
        assert ".txt" not in cited and "《" in cited or cited.startswith("GB "), (b, cited)
    cq = "《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》"
    assert library.cite("004_552c305ebc467d0d.txt 五(一)2") == f"{cq}五(一)2"
    assert library.cite("民法典 第八百六十条") == "《民法典》第八百六十条"


def test_basis_of_other_regimes_is_left_out(library):
    basis = ["000_dfa3ab0701a0a92f.txt 第九条(六)", "004_552c305ebc467d0d.txt 五(一)2",
             "004_552c305ebc467d0d.txt 五(一)2, 附件2 五", "民法典 第八百六十条"]
    assert library.cite_basis(basis, ["cq-liangjiang"]) == (
        "《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2、附件2 五", "《民法典》第八百六十条")
    assert library.cite_basis(basis, []) == ("《民法典》第八百六十条",)
    assert len(library.cite_basis(basis)) == 3
    ids = ["JSF-10", "JSC-02", "CQL-02d", "CQL-04"]
    assert library.requirements_of(ids, ["cq-liangjiang"]) == ("CQL-02d", "CQL-04")
    assert library.requirements_of(["JSF-10", "CQL-02d"], []) == ()


def test_every_category_has_a_statute_to_fall_back_to(library):
    """A finding whose basis cited only other regimes' policies falls back to its category's statutes."""
    assert [cid for cid, c in library.categories.items() if not library.cite_basis(c.basis, [])] == []


def test_essential_element_must_name_demanding_regime(library):
    """An element that makes a clause weak when absent must be demanded by a regime it names and cites."""
    from gongjian.clauses.validation import _essential_cited

    cat = library.categories["C25"]
    loose = cat.elements[0].model_copy(update={"essential": True, "regimes": ()})
    uncited = cat.elements[0].model_copy(update={"essential": True, "regimes": ("js-fusion",),
                                                 "basis": ("民法典 第五百四十三条",)})
    problems = list(_essential_cited(library, cat.model_copy(update={"elements": (loose, uncited)}), "c25.yaml"))
    assert len(problems) == 2
    assert "regimes" in problems[0] and "js-fusion" in problems[1]
    assert list(_essential_cited(library, cat, "c25.yaml")) == []
