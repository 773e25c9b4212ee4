"""Review actions: confirm, edit a field, merge, split. Each is a JSON API call (for scripts, with a
token) and a form post from the incident page (with a session and CSRF token); both write one
audit entry through `Catalog.review`, which checks the change before it is logged.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from .app import NOT_FOUND, WRITES, idpath, unprocessable
from .auth import Analyst
from .data import Catalog, CatalogDep
from .forms import parse_text
from .review import EDITABLE, AuditEntry, ReviewError
from .users import User

router = APIRouter(tags=["review"], responses=WRITES | NOT_FOUND)


class Reason(BaseModel):
    reason: str = Field("", max_length=1000)


class Edit(BaseModel):
    field: str = Field(description="One of: " + ", ".join(EDITABLE))
    value: Any = Field(description="The new value as JSON: a count is {low, best, high}, a date {start, end}, "
                                   "actors a list of names; null for unknown")
    reason: str = Field(min_length=1, max_length=1000)


class Merge(BaseModel):
    other: str = Field(description="The incident to merge into this one; it ceases to exist", max_length=200)
    reason: str = Field(min_length=1, max_length=1000)


class Split(BaseModel):
    report: str = Field(description="The report to take out into an incident of its own", max_length=200)
    reason: str = Field(min_length=1, max_length=1000)


class ReviewResult(BaseModel):
    incident: str
    entry: AuditEntry


def _do(cat: Catalog, user: User, incident_id: str, action: str, **kw: Any) -> ReviewResult:
    try:
        entry = cat.review(incident_id, action, who=user.name, **kw)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    except ReviewError as exc:
        raise unprocessable(str(exc)) from None
    return ReviewResult(incident=entry.incident, entry=entry)


@router.post("/api/incidents/{incident_id}/confirm", response_model=ReviewResult, summary="Confirm an incident")
def api_confirm(incident_id: str, body: Reason, cat: CatalogDep, user: Analyst) -> ReviewResult:
    return _do(cat, user, incident_id, "confirm", reason=body.reason)


@router.post("/api/incidents/{incident_id}/unconfirm", response_model=ReviewResult, summary="Withdraw a confirmation")
def api_unconfirm(incident_id: str, body: Reason, cat: CatalogDep, user: Analyst) -> ReviewResult:
    return _do(cat, user, incident_id, "unconfirm", reason=body.reason)


@router.post("/api/incidents/{incident_id}/edit", response_model=ReviewResult, summary="Correct one field")
def api_edit(incident_id: str, body: Edit, cat: CatalogDep, user: Analyst) -> ReviewResult:
    """Set one field of the incident. The correction outlives re-analysis of its articles."""
    return _do(cat, user, incident_id, "edit", field=body.field, value=body.value, reason=body.reason)


@router.post("/api/incidents/{incident_id}/merge", response_model=ReviewResult, summary="Merge another incident into this one")
def api_merge(incident_id: str, body: Merge, cat: CatalogDep, user: Analyst) -> ReviewResult:
    return _do(cat, user, incident_id, "merge", other=body.other, reason=body.reason)


@router.post("/api/incidents/{incident_id}/split", response_model=ReviewResult, summary="Split a report out into its own incident")
def api_split(incident_id: str, body: Split, cat: CatalogDep, user: Analyst) -> ReviewResult:
    return _do(cat, user, incident_id, "split", report=body.report, reason=body.reason)


# ---- the same actions as form posts from the incident page; they redirect back to the page ----

def _back(request: Request, incident_id: str) -> RedirectResponse:
    return RedirectResponse(f"/incidents/{idpath(incident_id)}", status_code=303)


@router.post("/incidents/{incident_id}/{action}", include_in_schema=False)
async def form_action(request: Request, incident_id: str, action: str, cat: CatalogDep,
                      user: Analyst) -> RedirectResponse:
    form = await request.form()
    reason = str(form.get("reason") or "").strip()[:1000]
    if action in ("confirm", "unconfirm"):
        result = _do(cat, user, incident_id, action, reason=reason)
    elif action == "edit":
        field = str(form.get("field") or "")
        try:
            value = parse_text(field, str(form.get("value") or ""))
        except ReviewError as exc:
            raise unprocessable(str(exc), "body", "value") from None
        result = _do(cat, user, incident_id, "edit", field=field, value=value, reason=reason)
    elif action == "merge":
        result = _do(cat, user, incident_id, "merge", other=str(form.get("other") or "").strip(), reason=reason)
    elif action == "split":
        result = _do(cat, user, incident_id, "split", report=str(form.get("report") or ""), reason=reason)
    else:
        raise HTTPException(404, f"no review action {action!r}")
    return _back(request, result.incident)
