"""`parwatch audit --live`: re-fetch the figures' source URLs and report what changed.

Per source URL: unchanged (304, or the same bytes), changed (the body's hash differs from the
document's), moved (a redirect now leads elsewhere), vanished (404, 410, or the host no longer
resolves), unreachable (other errors), skipped (robots.txt forbids asking, or no source config
lets us reach the address). For a changed or moved page the new body is re-read with the
documents layer and every figure whose quote no longer appears in it is listed.
"""
from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from crawler.settings import CrawlSettings
from crawler.sources import Source

from .findings import (CHANGED, MOVED, SKIPPED, UNCHANGED, UNREACHABLE, VANISHED, Failure, LiveAudit,
                       SourceCheck)
from .refetch import PoliteRefetcher
from .warehouse_view import FigureRef, select_figures

GONE_STATUSES = (404, 410)


def _squash(text: str) -> str:
    """Compare quotes modulo whitespace: a re-flowed paragraph still says the same words."""
    return re.sub(r"\s+", " ", text).strip()


def default_source(source_id: str | None, url: str) -> Source:
    """Settings for a figure whose source is not in the sources file: the contract's defaults
    (public addresses only, 1 request per second)."""
    return Source(id=source_id or "unknown", name=source_id or "unknown", start_urls=[url])


def recheck_url(url: str, figures: list[FigureRef], refetcher: PoliteRefetcher,
                conditional: dict[str, str] | None = None) -> SourceCheck:
    """Re-fetch one source URL and compare it with the archived document its figures cite."""
    check = SourceCheck(url=url, outcome=UNCHANGED, figures=len(figures))
    got = refetcher.get(url, conditional=conditional)
    if got.result is None:
        check.outcome, check.detail = SKIPPED, got.refused or ""
        return check
    res = got.result
    check.status = res.status
    moved = res.final_url and res.final_url != url
    if moved:
        check.final_url = res.final_url
    if res.status in GONE_STATUSES or res.error == "dns":
        check.outcome = VANISHED
        check.detail = f"HTTP {res.status}" if res.status in GONE_STATUSES else "host no longer resolves (DNS)"
        return check
    if res.unsafe:
        check.outcome, check.detail = SKIPPED, "address is private and the source does not allow_private"
        return check
    if res.error:
        check.outcome, check.detail = UNREACHABLE, res.error
        return check
    if res.status == 304:
        return check
    expected = {f.doc_sha256 for f in figures if f.doc_sha256}
    sha = hashlib.sha256(res.body).hexdigest()
    if moved:
        check.outcome = MOVED
        check.detail = "same content at the new address" if sha in expected else "content changed too"
    elif expected and sha not in expected:
        check.outcome = CHANGED
        check.detail = f"sha256 {sha[:12]}… differs from the archived {sorted(expected)[0][:12]}…"
    if sha in expected:
        return check
    check.missing_quotes = _missing_quotes(url, res, figures)
    return check


def _missing_quotes(url: str, res, figures: list[FigureRef]) -> list[Failure]:
    import documents

    doc = documents.read_bytes(res.body, name=url, url=res.final_url or url, content_type=res.header("Content-Type"))
    text = _squash(doc.text)
    missing = []
    for f in figures:
        quote = _squash(f.quote or f.text)
        if quote not in text:
            missing.append(Failure(f.figure_id, f.doc, f.text, f"quote no longer appears at {url}: {quote[:120]!r}",
                                   "quote"))
    return missing


def audit_live(data_dir: str | Path, sources: Iterable[Source] = (), *, sample: int | None = None,
               seed: int | None = None, figure_ids: Iterable[str] | None = None,
               settings: CrawlSettings | None = None,
               progress: Callable[[SourceCheck], None] | None = None) -> LiveAudit:
    """Re-fetch the source URLs of every figure (or of `sample` figures chosen at random).

    `sources` (the sources file) gives each URL its politeness and safety settings by the
    figure's source_id; URLs of unknown sources get the contract's defaults."""
    from crawler import Archive

    figures = select_figures(data_dir, figure_ids)
    if sample is not None and sample < len(figures):
        figures = random.Random(seed).sample(figures, sample)
    by_url: dict[tuple[str | None, str], list[FigureRef]] = defaultdict(list)
    for f in figures:
        if f.source_url:
            by_url[(f.source_id, f.source_url)].append(f)
    known = {s.id: s for s in sources}
    report = LiveAudit(figures=len(figures))
    archive_root = Path(data_dir) / "archive"
    archive = Archive(archive_root) if archive_root.is_dir() else None
    refetchers: dict[str, PoliteRefetcher] = {}
    try:
        for (source_id, url), figs in sorted(by_url.items(), key=lambda kv: kv[0][1]):
            source = known.get(source_id) or default_source(source_id, url)
            refetcher = refetchers.get(source.id)
            if refetcher is None:
                refetcher = refetchers[source.id] = PoliteRefetcher(source, settings)
            check = recheck_url(url, figs, refetcher, _validators(archive, url, figs))
            report.sources.append(check)
            if progress:
                progress(check)
    finally:
        for r in refetchers.values():
            r.close()
        if archive is not None:
            archive.close()
    return report


def _validators(archive, url: str, figs: list[FigureRef]) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the archive, only when the archive's latest copy
    of the URL is the one the figures were read from (a 304 then means: still the same)."""
    if archive is None:
        return {}
    state = archive.url_state(url)
    if not state or state.status != 200 or state.sha256 not in {f.doc_sha256 for f in figs}:
        return {}
    cond = {}
    if state.etag:
        cond["If-None-Match"] = state.etag
    if state.last_modified:
        cond["If-Modified-Since"] = state.last_modified
    return cond
