"""The sources file of CONTRACT.md section 3."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    province: str | None = None
    start_urls: list[str] = Field(min_length=1)
    allowed_domains: list[str] = Field(default_factory=list)
    max_pages: int = Field(default=2000, gt=0)
    rate_per_second: float = Field(default=1.0, gt=0)
    allow_private: bool = False
    verify_tls: bool = True
    contact_url: str | None = None  # named in the User-Agent; falls back to the project's
    # Extra words that make a link on topic for this site, on top of crawler.relevance.DEFAULT_KEYWORDS.
    keywords: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", v):
            raise ValueError(f"id {v!r} must be a lowercase slug (a-z, 0-9, '-', '_')")
        return v

    @field_validator("start_urls")
    @classmethod
    def _http(cls, urls: list[str]) -> list[str]:
        for u in urls:
            if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).hostname:
                raise ValueError(f"start URL {u!r} is not an http(s) URL")
        return urls

    @model_validator(mode="after")
    def _domains(self) -> "Source":
        if not self.allowed_domains:
            self.allowed_domains = sorted({urlsplit(u).hostname for u in self.start_urls})
        return self


class SourcesError(Exception):
    pass


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; errors name the file and what is wrong."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except yaml.YAMLError as e:
        raise SourcesError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise SourcesError(f"{path}: expected a mapping with a 'sources:' list")
    out: list[Source] = []
    for i, entry in enumerate(raw["sources"]):
        try:
            out.append(Source.model_validate(entry))
        except ValidationError as e:
            what = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'entry'}: {err['msg']}" for err in e.errors())
            raise SourcesError(f"{path}: source #{i + 1}: {what}") from None
    ids = [s.id for s in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SourcesError(f"{path}: duplicate source ids: {', '.join(dupes)}")
    return out
