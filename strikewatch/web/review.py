"""Analysts' corrections: the replay lives in the store (strikewatch/store/review.py), so the web
app and `strikewatch export` show the same incidents. Re-exported here for the web's modules."""

from __future__ import annotations

from ..store.review import (
    EDITABLE,
    Action,
    AuditEntry,
    LoadReports,
    Relink,
    Resolve,
    ReviewError,
    ReviewState,
    apply_review,
    base_id,
    check_value,
    correct,
    get_value,
    replay,
    review_state,
    review_statuses,
    set_value,
    status_of,
)

__all__ = ["EDITABLE", "Action", "AuditEntry", "LoadReports", "Relink", "Resolve", "ReviewError", "ReviewState",
           "apply_review", "base_id", "check_value", "correct", "get_value", "replay", "review_state", "review_statuses", "set_value", "status_of"]
