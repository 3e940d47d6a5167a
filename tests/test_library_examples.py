"""Tests generated from the library data: every example fires its rule, every non-example does not.

Adding a defect, element, lexicon family or prohibition to the YAML adds its tests here. The spec's W01–W20 and
S01–S20 (tests/data/spec_examples.yaml) are checked against the library too.
"""

from __future__ import annotations

import pytest
import yaml

from gongjian.clauses.library import load_library
from gongjian.nlp.matcher import fires, has_element

from .conftest import DATA

LIB = load_library()
SPEC_EXAMPLES = yaml.safe_load((DATA / "spec_examples.yaml").read_text("utf-8"))


def _cases(records, positive_attr, negative_attr):
    cases = []
    for rid, rec in records:
        cases += [(rid, rec, text, True) for text in getattr(rec, positive_attr)]
        cases += [(rid, rec, text, False) for text in getattr(rec, negative_attr)]
    return cases


def _ids(cases):
    counts: dict[str, int] = {}
    out = []
    for rid, _, _, expected in cases:
        key = f"{rid}-{'hit' if expected else 'guard'}"
        counts[key] = counts.get(key, 0) + 1
        out.append(f"{key}-{counts[key]}")
    return out


DEFECTS = _cases([(d.id, d) for c in LIB.categories.values() for d in c.defects], "examples", "not_examples")
ELEMENTS = _cases([(e.id, e) for c in LIB.categories.values() for e in c.elements], "examples", "not_examples")
FAMILIES = _cases([(f"L.{f.id}", f) for f in LIB.lexicon.families], "examples", "not_examples")
PROHIBITIONS = _cases([(p.id, p) for r in LIB.regimes.values() for p in r.prohibitions], "examples", "not_examples")


@pytest.mark.parametrize("rule_id, defect, text, expected", DEFECTS, ids=_ids(DEFECTS))
def test_defect_fires_only_where_it_should(rule_id, defect, text, expected):
    assert fires(defect, text) is expected


@pytest.mark.parametrize("rule_id, element, text, expected", ELEMENTS, ids=_ids(ELEMENTS))
def test_element_is_found_only_where_it_is(rule_id, element, text, expected):
    assert has_element(element, text) is expected


@pytest.mark.parametrize("rule_id, family, text, expected", FAMILIES, ids=_ids(FAMILIES))
def test_lexicon_family_fires_only_where_it_should(rule_id, family, text, expected):
    assert fires(family, text) is expected


@pytest.mark.parametrize("rule_id, rule, text, expected", PROHIBITIONS, ids=_ids(PROHIBITIONS))
def test_prohibition_fires_only_where_it_should(rule_id, rule, text, expected):
    assert fires(rule, text) is expected


W_IDS = sorted(k for k in SPEC_EXAMPLES if k.startswith("W"))
S_IDS = sorted(k for k in SPEC_EXAMPLES if k.startswith("S"))


def test_spec_examples_are_complete():
    assert len(W_IDS) == 20 and len(S_IDS) == 20


@pytest.mark.parametrize("wid", W_IDS)
def test_weak_spec_example_is_a_defect_example_and_fires(wid):
    case = SPEC_EXAMPLES[wid]
    defects = LIB.categories[case["category"]].defects
    assert any(case["text"] in d.examples for d in defects), f"{wid} is not among the examples of {case['category']}"
    assert any(fires(d, case["text"]) for d in defects)


@pytest.mark.parametrize("sid", S_IDS)
def test_strong_spec_example_is_a_non_example_and_fires_nothing(sid):
    case = SPEC_EXAMPLES[sid]
    defects = LIB.categories[case["category"]].defects
    assert any(case["text"] in d.not_examples for d in defects), f"{sid} is not a non-example in {case['category']}"
    fired = [d.id for d in defects if fires(d, case["text"])]
    fired += [f"L.{f.id}" for f in LIB.lexicon.families if fires(f, case["text"])]
    assert fired == []


DRAFTING = [(c.id, t) for c in LIB.categories.values() for t in c.drafting.texts]


def _sample_for(cid: str, text_id: str):
    """Return the cq-liangjiang sample agreement with the category's choice set to this alternative."""
    import yaml as _yaml

    from gongjian.contracts.agreement import Agreement
    from gongjian.templates.samples import sample_path

    data = _yaml.safe_load(sample_path("cq-liangjiang").read_text("utf-8"))
    choice = LIB.categories[cid].drafting.choice
    if choice == "dispute.route" and text_id == "court":
        data["dispute"] = {"route": "court", "court_place": "甲方住所地"}
    elif choice == "foreground_ip.rule" and text_id != "co-owned":
        data["foreground_ip"]["rule"] = text_id
        data["foreground_ip"]["co_owned_shares"] = []
    elif choice == "platform.legal_form" and text_id == "entity":
        data["platform"]["legal_form"] = "entity"
        data["platform"]["entity_name"] = "重庆示例工业互联网研究院有限公司"
    return Agreement.model_validate(data)


@pytest.mark.parametrize("cid, text", DRAFTING, ids=[f"{c}-{t.id}" for c, t in DRAFTING])
def test_drafting_text_rendered_is_complete_and_fires_no_defect(cid, text):
    from gongjian.templates.render import render_clause

    cat = LIB.categories[cid]
    rendered = "\n".join(render_clause(text.text, _sample_for(cid, text.id), LIB))
    regimes = ("cq-liangjiang",)
    missing = [e.id for e in cat.elements
               if (not e.regimes or set(e.regimes) & set(regimes)) and not has_element(e, rendered)]
    fired = [d.id for d in cat.defects if (not d.regimes or set(d.regimes) & set(regimes)) and fires(d, rendered)]
    fired += [f"L.{f.id}" for f in LIB.lexicon.families if f.severity != "info" and fires(f, rendered)]
    assert (missing, fired) == ([], [])
