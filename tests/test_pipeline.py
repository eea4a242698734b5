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
