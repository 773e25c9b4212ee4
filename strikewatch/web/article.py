"""The article page: the text with every extracted span highlighted by field, and the reports read
from it. `POST /api/articles` adds articles: the store ingests, analyses and links them.

`/articles/{id}` is the page; `/articles/{id}.json` and `/api/articles/{id}` its JSON twin.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from pydantic.json_schema import SkipJsonSchema

from ..model import Article, Report
from .app import NOT_FOUND, WRITES, Problem, idpath, render
from .auth import Analyst
from .data import AddResult, Catalog, CatalogDep
from .evidence import Marked, fields_present, report_spans, runs

router = APIRouter(tags=["articles"])


class PublicArticle(Article):
    """An article as the API shows it: never where on the server it was read from."""

    path: SkipJsonSchema[None] = Field(default=None, exclude=True)
    line: SkipJsonSchema[None] = Field(default=None, exclude=True)

    @classmethod
    def of(cls, article: Article) -> PublicArticle:
        return cls.model_validate(article.model_dump(exclude={"path", "line"}))


class ArticleDetail(BaseModel):
    article: PublicArticle
    reports: list[Report]
    spans: list[Marked]
    incidents: dict[str, str]  # report id -> the incident it is linked into


class NewArticle(BaseModel):
    id: str | None = Field(None, max_length=200, pattern=r"^[\w.:-]+$",
                           description="Your id for it; a new revision when the id exists already")
    # No max_length here: the configurable limits (strikewatch/limits.py) answer 413, below.
    text: str = Field(min_length=1)
    outlet: str | None = Field(None, max_length=200)
    published: dt.date | None = None
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)


class NewArticles(BaseModel):
    articles: list[NewArticle] = Field(min_length=1)


def article_detail(article_id: str, cat: Catalog) -> ArticleDetail:
    article = cat.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    reports = cat.article_reports(article_id)
    return ArticleDetail(article=PublicArticle.of(article), reports=reports,
                         spans=[m for r in reports for m in report_spans(r)],
                         incidents=cat.incidents_of([r.id for r in reports]))


@router.get("/api/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND,
            summary="One article with its text, reports and extracted spans")
def get_article(article_id: str, cat: CatalogDep) -> ArticleDetail:
    """The article's latest text, the reports extracted from it, and every span (character offsets
    into `article.text`, with the field it proves and its report)."""
    return article_detail(article_id, cat)


router.add_api_route("/articles/{article_id}.json", get_article, methods=["GET"], response_model=ArticleDetail,
                     include_in_schema=False)


TOO_LARGE: dict[int | str, dict[str, Any]] = {413: {"model": Problem, "description": (
    "Over a limit: the request body (STRIKEWATCH_MAX_REQUEST_BYTES), the number of articles "
    "(STRIKEWATCH_MAX_REQUEST_ARTICLES) or one article's length (STRIKEWATCH_MAX_ARTICLE_CHARS)")}}


@router.post("/api/articles", response_model=AddResult, status_code=201, responses=WRITES | TOO_LARGE,
             summary="Add articles: analysed and linked on arrival")
def post_articles(request: Request, body: NewArticles, cat: CatalogDep,
                  user: Analyst) -> AddResult:
    """Store the articles, extract their reports and link them into the incidents (the store's
    `run`). Returns what was added, with the incidents each article's reports joined.

    Limits (configurable, see docs/security.md): a request over them is refused whole with 413;
    an article whose extraction takes longer than STRIKEWATCH_ARTICLE_SECONDS is set aside and
    listed in `rejected` with that reason, and the others are added."""
    limits = request.app.state.settings.limits
    if len(body.articles) > limits.max_request_articles:
        raise HTTPException(413, f"{len(body.articles)} articles in one request; at most "
                                 f"{limits.max_request_articles} (STRIKEWATCH_MAX_REQUEST_ARTICLES)")
    for n, a in enumerate(body.articles):
        if len(a.text) > limits.max_article_chars:
            raise HTTPException(413, f"article {n} ({a.id or 'no id'}) has {len(a.text):,} characters; at most "
                                     f"{limits.max_article_chars:,} (STRIKEWATCH_MAX_ARTICLE_CHARS)")
    articles = [Article(**(a.model_dump() | {"id": a.id or _content_id(a.text)})) for a in body.articles]
    return cat.add_articles(articles, who=user.name)


def _content_id(text: str) -> str:
    """An id from the text itself, so posting the same article twice is one article, not two."""
    import hashlib

    return "web-" + hashlib.sha256(text.encode()).hexdigest()[:16]


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str, cat: CatalogDep) -> HTMLResponse:
    d = article_detail(article_id, cat)
    return render(request, "article.html", {
        "d": d, "a": d.article, "runs": runs(d.article.text, d.spans), "fields": fields_present(d.spans),
        "json_url": f"/articles/{idpath(article_id)}.json"})
