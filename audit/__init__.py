"""The auditor's tools: re-verify every figure against its archived copy, or against the live site.

Plain Python (no Dagster): `audit_archive(data_dir)` and `audit_live(data_dir, ...)` return
reports the CLI prints; audit.cli.add_subcommands wires `parwatch audit` and `parwatch report`.
"""
from .archived import audit_archive
from .findings import ArchiveAudit, Failure, LiveAudit, SourceCheck
from .live import audit_live

__all__ = ["audit_archive", "audit_live", "ArchiveAudit", "LiveAudit", "Failure", "SourceCheck"]
