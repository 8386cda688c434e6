"""What an audit found: typed records the CLI prints and tests assert on."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Failure:
    """One figure that no longer holds up, and why."""
    figure_id: str
    doc: str
    text: str
    reason: str
    # span | hash | archive | reread | page | table | document | quote: what kind of evidence broke
    kind: str = "span"

    def to_record(self) -> dict:
        return {"figure_id": self.figure_id, "doc": self.doc, "text": self.text, "kind": self.kind,
                "reason": self.reason}

    def line(self) -> str:
        return f"FAIL figure {self.figure_id} ({self.text!r} in document {self.doc}): {self.reason}"


@dataclass
class ArchiveAudit:
    """`parwatch audit`: every figure re-verified against its archived copy."""
    figures: int = 0
    documents: int = 0
    failures: list[Failure] = field(default_factory=list)
    # Documents whose re-read text differs from the stored text while every span still holds
    # (a reader change, not a broken figure): reported, not failed.
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        failed = len({f.figure_id for f in self.failures})
        verdict = "OK" if self.ok else "FAILED"
        kinds = Counter(f.kind for f in self.failures)
        by_kind = f" (by kind: {', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})" if kinds else ""
        return (f"audit {verdict}: {self.figures} figures in {self.documents} documents re-verified "
                f"against the archive; {failed} failing{by_kind}, {len(self.warnings)} warnings")

    def to_record(self) -> dict:
        return {"ok": self.ok, "figures": self.figures, "documents": self.documents,
                "failing_figures": len({f.figure_id for f in self.failures}),
                "failures": [f.to_record() for f in self.failures], "warnings": self.warnings}

    def lines(self) -> list[str]:
        return [f.line() for f in self.failures] + [f"WARN {w}" for w in self.warnings] + [self.summary()]


# Outcomes of re-fetching one source URL.
UNCHANGED, CHANGED, MOVED, VANISHED, UNREACHABLE, SKIPPED = (
    "unchanged", "changed", "moved", "vanished", "unreachable", "skipped")


@dataclass
class SourceCheck:
    """One source URL re-fetched: what it answers now compared with the archived copy."""
    url: str
    outcome: str                      # one of the constants above
    status: int | None = None
    final_url: str | None = None      # where a redirect led (moved)
    detail: str = ""                  # why: hash change, 404, DNS, robots ...
    figures: int = 0                  # figures citing this URL
    missing_quotes: list[Failure] = field(default_factory=list)

    def to_record(self) -> dict:
        return {"url": self.url, "outcome": self.outcome, "status": self.status, "final_url": self.final_url,
                "detail": self.detail, "figures": self.figures,
                "missing_quotes": [f.to_record() for f in self.missing_quotes]}

    def line(self) -> str:
        where = f" -> {self.final_url}" if self.outcome == MOVED and self.final_url else ""
        status = f" [{self.status}]" if self.status is not None else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.outcome.upper():<11} {self.url}{where}{status}{detail}"


@dataclass
class LiveAudit:
    """`parwatch audit --live`: the figures' sources re-fetched."""
    figures: int = 0
    sources: list[SourceCheck] = field(default_factory=list)

    @property
    def missing_quotes(self) -> list[Failure]:
        return [f for s in self.sources for f in s.missing_quotes]

    def by_outcome(self) -> Counter:
        return Counter(s.outcome for s in self.sources)

    @property
    def ok(self) -> bool:
        return all(s.outcome in (UNCHANGED, SKIPPED) for s in self.sources) and not self.missing_quotes

    def summary(self) -> str:
        counts = self.by_outcome()
        parts = ", ".join(f"{k} {counts.get(k, 0)}" for k in
                          (UNCHANGED, CHANGED, MOVED, VANISHED, UNREACHABLE, SKIPPED))
        verdict = "OK" if self.ok else "CHANGES FOUND"
        return (f"live audit {verdict}: {len(self.sources)} source URLs of {self.figures} figures re-fetched "
                f"({parts}); {len(self.missing_quotes)} figures whose quote no longer appears")

    def to_record(self) -> dict:
        return {"ok": self.ok, "figures": self.figures, "by_outcome": dict(self.by_outcome()),
                "sources": [s.to_record() for s in self.sources]}

    def lines(self) -> list[str]:
        out = [s.line() for s in self.sources if s.outcome != UNCHANGED]
        out += [f.line() for f in self.missing_quotes]
        return out + [self.summary()]
