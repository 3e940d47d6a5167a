"""The clause model: shipped, in sync with its training data, reproducible, and used beside the rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongjian.nlp.check import check_text
from gongjian.nlp.clause_model import DocumentScores, load_model, ngrams, prepare, sentences

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training" / "sentences"


@pytest.fixture(scope="module")
def model():
    m = load_model()
    assert m is not None, "条款模型未随包发布（gongjian/nlp/data/clause_model.npz）"
    return m


def test_model_is_small_and_scores_every_category(model, library):
    path = ROOT / "gongjian" / "nlp" / "data" / "clause_model.npz"
    assert path.stat().st_size <= 30_000_000
    assert set(library.categories) <= set(model.labels)
    assert sum(1 for c in library.categories if model.threshold(c) <= 1.0) >= 20


def test_model_is_in_sync_with_its_training_data(model):
    """The shipped model was trained on exactly the data in training/ (retrain: python -m gongjian.nlp.train_model)."""
    from gongjian.nlp.train_model import read_examples

    _, digest = read_examples(TRAINING)
    assert model.info["data_sha256"] == digest, "训练数据已改动：请运行 python -m gongjian.nlp.train_model 并提交模型"


def test_training_is_deterministic(tmp_path):
    if not os.environ.get("GONGJIAN_REQUIRE_ALL"):
        pytest.importorskip("sklearn", reason="需要 [train] 依赖")
    from gongjian.nlp.train_model import label_names, read_examples, train

    records, digest = read_examples(TRAINING)
    subset = records[::6]
    labels = label_names()[:25]
    first = train(subset, labels, digest, log=lambda *a: None)
    second = train(subset, labels, digest, log=lambda *a: None)
    assert first[0] == second[0]
    assert (first[1] == second[1]).all() and (first[3] == second[3]).all()


def test_features_mask_numbers_and_parties():
    assert prepare("丙方承担 25% 的费用") == prepare("甲方承担３０％的费用")
    assert "某方" in ngrams(prepare("乙方负责"))


def test_sentence_spans_index_the_original_text():
    text = "第七条　知识产权\n各方独立完成的成果归完成方所有；共同完成的，按投入比例共有。"
    spans = sentences(text)
    assert [text[s:e] for s, e in spans][1] == "各方独立完成的成果归完成方所有；"


@pytest.mark.parametrize(("sentence", "category"), [
    # Written for this test, in words of no cue: the model must read the category.
    ("双方对在合作过程中知悉的对方未公开的技术资料、经营信息负有保守秘密的义务。", "C10"),
    ("凡因履行本协议引起的或与本协议有关的一切分歧，提交武汉仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则裁决。",
     "C13"),
    ("任何一方未按本协议约定履行义务给他方造成损失的，应当赔偿守约方因此遭受的全部损失。", "C12"),
])
def test_model_reads_clauses_in_new_words(model, sentence, category):
    assert category in model.predict(sentence)


def test_model_ignores_a_recital(model):
    hits = model.predict("为深入实施创新驱动发展战略，加快构建以企业为主体、市场为导向、产学研深度融合的技术创新体系。")
    assert not hits


AGREEMENT = """智能传感联合研发中心共建协议

甲方：华信微电子有限公司
乙方：东湖理工大学

第一条　合作内容
双方共建智能传感联合研发中心，甲方负责工程化与产品验证，乙方负责基础算法研究。

第二条　其他事项
双方对在合作过程中知悉的对方未公开的技术资料、经营信息负有保守秘密的义务，该义务在本协议终止后三年内继续有效。

第三条　生效
本协议自双方签字盖章之日起生效，有效期三年。
"""


def test_model_places_a_clause_the_rules_miss_and_explain_shows_it():
    with_model = check_text(AGREEMENT, explain=True)
    rules_only = check_text(AGREEMENT, use_model=False)
    assert with_model.status("C10") != "missing"
    assert any(d.rule_id == "C10.model" and "模型" in d.detail for d in with_model.dropped)
    assert rules_only.status("C10") == "missing"  # the rules know no cue of this wording: the model found it


def test_document_scores_find_the_best_sentence(model):
    scores = DocumentScores(model, AGREEMENT)
    score, where = scores.best("C10", 0, len(AGREEMENT))
    assert score >= model.threshold("C10") and "保守秘密" in AGREEMENT[where[0]:where[1]]
