"""The clause library validates, is complete, and its validator reports every problem at once."""

from __future__ import annotations

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
    assert "正则 '(未闭合' 无效" in text
    assert "cq-liangjiang.yaml" in text and "引文在 004_552c305ebc467d0d.txt 中找不到：「这句话不在政策原文里」" in text
    assert len(exc.value.problems) >= 6
