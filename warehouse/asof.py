"""What `as_of` may say: one version for every table, a version per table, or a point in time."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Mapping

from warehouse.schema import spec

AsOf = int | str | datetime | Mapping[str, int] | None


def parse_as_of(as_of: AsOf) -> int | datetime | dict[str, int] | None:
    """as_of as a version for every table, a per-table mapping, or a point in time."""
    if as_of is None or isinstance(as_of, (int, datetime)):
        return as_of
    if isinstance(as_of, Mapping):
        return {spec(k).name: int(v) for k, v in as_of.items()}
    text = str(as_of).strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\w+=\d+(\s*,\s*\w+=\d+)*", text):
        return {spec(k.strip()).name: int(v) for k, v in (p.split("=") for p in text.split(","))}
    try:
        ts = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"as_of {as_of!r}: expected a version number, table=version pairs "
                         f"(figures=3,results=2) or an ISO timestamp") from None
    return ts if ts.tzinfo else ts.replace(tzinfo=timezone.utc)
