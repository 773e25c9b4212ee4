"""Join incidents without the linker: lives in the store beside the replay (strikewatch/store/merge.py)."""

from __future__ import annotations

from ..store.merge import combine

__all__ = ["combine"]
