import pytest

from claimtrack.errors import ModelNotFound
from claimtrack.nlp import pipeline


@pytest.mark.parametrize(
    ("requested", "installed", "expected"),
    [
        ("en_core_web_lg", set(), "en_core_web_lg"),
        (None, set(), pipeline.DEFAULT_MODEL),
        (None, {"en_core_web_md"}, "en_core_web_md"),
        # The official small model is the same pipeline as the default, so it comes first.
        (None, {"en_core_web_lg", "en_core_web_sm"}, "en_core_web_sm"),
        ("my_pipeline", {"en_core_web_sm"}, "my_pipeline"),
    ],
)
def test_choose_model(monkeypatch, requested, installed, expected):
    monkeypatch.setattr(pipeline, "_installed", lambda name: name in installed)
    assert pipeline.choose_model(requested) == expected


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFound, match="not_a_real_pipeline"):
        pipeline.load_pipeline("not_a_real_pipeline")


def test_pipeline_is_loaded_once_with_claimtrack_components():
    nlp = pipeline.load_pipeline(pipeline.DEFAULT_MODEL)
    assert pipeline.load_pipeline(pipeline.DEFAULT_MODEL) is nlp
    assert "senter" not in nlp.pipe_names
    for component in (*pipeline.REQUIRED_COMPONENTS, *pipeline.CLAIMTRACK_COMPONENTS):
        assert component in nlp.pipe_names


def test_entities_merge_mentions_whatever_their_labels():
    nlp = pipeline.load_pipeline(pipeline.DEFAULT_MODEL)
    doc = nlp(
        "Defence Minister Oskar Lindahl arrived in the capital on Monday. "
        "Lindahl met the president. Later, Lindahl said the talks had gone well."
    )
    people = [e for e in doc._.entities if e.kind == "person"]
    assert [(e.name, len(e.mentions), e.roles) for e in people] == [("Oskar Lindahl", 3, ["Defence Minister"])]


@pytest.mark.parametrize(
    ("component", "assigns"),
    [
        ("claimtrack_paragraphs", ["token.is_sent_start"]),
        ("claimtrack_quotes", ["doc._.quotes"]),
        ("claimtrack_mentions", ["doc._.entities", "doc._.entity_index"]),
    ],
)
def test_components_declare_what_they_assign(component, assigns):
    nlp = pipeline.load_pipeline(pipeline.DEFAULT_MODEL)
    assert nlp.get_pipe_meta(component).assigns == assigns


def test_mention_component_keeps_no_document_state():
    nlp = pipeline.load_pipeline(pipeline.DEFAULT_MODEL)
    clusterer = nlp.get_pipe("claimtrack_mentions")
    before = dict(vars(clusterer))
    first = nlp("Mayor Ada Brightwater spoke on Monday. Brightwater said the bridge would reopen.")
    second = nlp("Nobody was named in this sentence.")
    assert vars(clusterer) == before
    assert [e.name for e in first._.entities] == ["Ada Brightwater"]
    assert second._.entities == []


def test_mention_component_takes_its_settings_from_config():
    import spacy

    nlp = spacy.blank("en")
    clusterer = nlp.add_pipe("claimtrack_mentions", config={"pronoun_evidence_window": 5})
    assert clusterer.pronoun_evidence_window == 5
