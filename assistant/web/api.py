"""The JSON API: the same functions as the CLI, with pydantic request and response models.

Routes are plain `def`: FastAPI runs them in its thread pool, since checking and indexing are
CPU-bound. Errors are turned into responses by the handlers in `app.py`.
"""

from __future__ import annotations

from fastapi import APIRouter, File, Query, Request, UploadFile
from pydantic import BaseModel, Field

from assistant import version
from assistant.sources import with_sources
from retrieval.types import Answer, CheckedQuote, Quote, Verification

from .uploads import Upload, index_uploads, report_dict

router = APIRouter(prefix="/api", tags=["api"])


class CheckRequest(BaseModel):
    text: str = Field(description="The draft: plain text, quotes in quotation marks.")


class CheckResponse(BaseModel):
    quotes: list[CheckedQuote]


class VerifyRequest(BaseModel):
    claim: str = Field(min_length=1, description="The quoted words, without quotation marks.")
    speaker: str | None = Field(default=None, description="Who the quote is attributed to.")


class AskRequest(BaseModel):
    question: str = Field(min_length=1)


class FileProblem(BaseModel):
    path: str
    problem: str


class IndexResponse(BaseModel):
    added: list[str]
    replaced: list[str]
    unchanged: list[str]
    copies: list[str] = Field(default_factory=list, description="Files whose text was indexed already, under another name: recorded as another source of it.")
    passages: int = 0
    quotes: int = 0
    errors: list[FileProblem]


class ArticleInfo(BaseModel):
    id: str
    source: str
    title: str = ""
    lang: str = "und"
    url: str | None = None
    date: str | None = None
    author: str | None = None
    sources: list[str] = Field(default_factory=list, description="Every source of this text, `source` first.")


class Health(BaseModel):
    version: str
    store: str = Field(description='"local" (Chroma files) or "server" (QUOTECHECK_CHROMA_URL).')
    articles: int = Field(description="Committed articles, as readers see them now.")
    generation: str = Field(description="The store's change token: it changes whenever a writer commits or removes.")


def runtime(request: Request):
    return request.app.state.runtime


@router.post("/check", response_model=CheckResponse)
def check(body: CheckRequest, request: Request) -> CheckResponse:
    """Every quote of a draft, verified, with its offsets in the draft."""
    from assistant.check import check_draft

    rt = runtime(request)
    return CheckResponse(quotes=[with_sources(c, rt.index) for c in check_draft(body.text, rt.index, model=rt.model)])


@router.post("/verify", response_model=Verification)
def verify(body: VerifyRequest, request: Request) -> Verification:
    from assistant.verification import verify_claim

    rt = runtime(request)
    return with_sources(verify_claim(body.claim, body.speaker, rt.index, model=rt.model), rt.index)


@router.post("/ask", response_model=Answer)
def ask(body: AskRequest, request: Request) -> Answer:
    from assistant.answer import answer_question

    rt = runtime(request)
    return with_sources(answer_question(body.question, rt.index, model=rt.model), rt.index)


@router.post("/index", response_model=IndexResponse)
def index(request: Request, files: list[UploadFile] = File(description="Files: .txt .md .html .htm .jsonl")) -> dict:
    """Index uploaded files with the same rules as `quotecheck index`; problems are listed per file."""
    report = index_uploads(runtime(request).index, [Upload(f.filename or "", f.file) for f in files])
    return report_dict(report)


@router.get("/quotes", response_model=list[Quote])
def quotes(request: Request, speaker: str | None = None, limit: int | None = Query(default=None, ge=0)) -> list[Quote]:
    """Stored quotes in article order; only one speaker's (alias-aware) when `speaker` is given."""
    found = runtime(request).index.quotes(speaker=speaker or None)
    return found if limit is None else found[:limit]


@router.get("/articles", response_model=list[ArticleInfo])
def articles(request: Request) -> list[dict]:
    return runtime(request).index.articles()


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    """What is serving: the version, the kind of store, and the committed articles as readers see them now."""
    rt = runtime(request)
    index = rt.index
    index.refresh(max_age=0)
    return Health(version=version(), store="server" if rt.settings.quotecheck_chroma_url else "local",
                  articles=len(index.committed), generation=index.generation)
