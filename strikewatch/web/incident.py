"""The incident page: what happened, each source's figures side by side with disagreements marked,
each report's evidence highlighted in its article, the review panel and the audit log.

`/incidents/{id}` is the page; `/incidents/{id}.json` and `/api/incidents/{id}` its JSON twin.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from ..model import Incident, Report
from .app import NOT_FOUND, idpath, render
from .data import Catalog, CatalogDep
from .evidence import Marked, fields_present, report_spans, runs
from .filters import killed_of
from .review import EDITABLE, AuditEntry, ReviewState, get_value, review_state
from .sources import SourceRow, source_rows

router = APIRouter()


class ArticleRef(BaseModel):
    id: str
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


class IncidentDetail(BaseModel):
    incident: Incident
    reports: list[Report]
    articles: list[ArticleRef]
    sources: list[SourceRow]
    evidence: list[Marked]
    review: ReviewState
    review_status: str  # unreviewed, confirmed, edited or merged, as in the list and the exports
    audit: list[AuditEntry]


def incident_detail(incident_id: str, cat: Catalog) -> IncidentDetail:
    incident = cat.incident(incident_id)
    if incident is None:
        now = cat.now_known_as(incident_id)
        if now != incident_id:
            raise HTTPException(404, f"incident {incident_id!r} was merged into {now!r}")
        raise HTTPException(404, f"no incident {incident_id!r}")
    reports = cat.reports(incident.reports)
    articles = cat.articles(sorted({r.article for r in reports}))
    log = cat.audit(incident.id)
    return IncidentDetail(
        incident=incident, reports=reports,
        articles=[ArticleRef(id=a.id, outlet=a.outlet, published=a.published, title=a.title, url=a.url)
                  for a in articles.values()],
        sources=source_rows(incident, reports, articles),
        evidence=[m for r in reports for m in report_spans(r)],
        review=review_state(log), review_status=cat.status(incident.id), audit=log)


@router.get("/api/incidents/{incident_id}", response_model=IncidentDetail, tags=["incidents"], responses=NOT_FOUND,
            summary="One incident with its reports, claims, sources, discrepancies and evidence")
def get_incident(incident_id: str, cat: CatalogDep) -> IncidentDetail:
    """The incident as analysts left it (corrections applied), every report linked into it with its
    claims and evidence spans (character offsets into the article text), the side-by-side source
    rows with the columns in dispute, its review status and its audit log."""
    return incident_detail(incident_id, cat)


# The JSON twin must be matched before the page, whose {incident_id} would swallow ".json".
router.add_api_route("/incidents/{incident_id}.json", get_incident, methods=["GET"],
                     response_model=IncidentDetail, include_in_schema=False)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
def incident_page(request: Request, incident_id: str, cat: CatalogDep) -> Response:
    now = cat.now_known_as(incident_id)
    if now != incident_id and cat.incident(incident_id) is None:  # merged away: show where it went
        return RedirectResponse(f"/incidents/{idpath(now)}", status_code=307)
    detail = incident_detail(incident_id, cat)
    texts = cat.articles([r.article for r in detail.reports])
    panels = []
    for report in detail.reports:
        spans = report_spans(report)
        art = texts.get(report.article)
        panels.append({"report": report, "article": art, "fields": fields_present(spans),
                       "runs": runs(art.text, spans) if art else []})
    inc = detail.incident
    others = [i for i in cat.nearby(inc) if i.id != inc.id]
    nearby = [{"lat": i.location.lat, "lon": i.location.lon, "url": f"/incidents/{idpath(i.id)}", "id": i.id,
               "label": f"{i.date.start} · {i.location.name or i.location.mention or ''} · {killed_of(i) if killed_of(i) is not None else '?'} killed"}
              for i in others if i.kind == "incident" and i.location.lat is not None and i.location.lon is not None][:200]
    return render(request, "incident.html", {
        "d": detail, "inc": inc, "panels": panels, "editable": list(EDITABLE), "status": cat.status(inc.id),
        "iso_utc": iso_utc, "killed": killed_of(inc), "nearby": nearby,
        "values": {f: get_value(detail.incident, f) for f in EDITABLE},
        "json_url": f"/incidents/{idpath(incident_id)}.json",
        "others": others[:20],
    })


def iso_utc(at: dt.datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second: one form for every time the page shows."""
    at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")
