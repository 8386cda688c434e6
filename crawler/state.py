"""Small per-source crawl state beside the archive (e.g. hosts with no sitemap.xml), written atomically."""
from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path


class CrawlState:
    def __init__(self, directory: Path, source_id: str):
        self.path = Path(directory) / f"{source_id}.json"
        self._lock = threading.Lock()
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.data = {}
        except (OSError, ValueError):
            self.data = {}  # a damaged state file only costs a few extra requests

    def missing_recently(self, key: str, days: int) -> bool:
        when = self.data.get("missing", {}).get(key)
        if not when:
            return False
        return datetime.fromisoformat(when) > datetime.now(timezone.utc) - timedelta(days=days)

    def mark_missing(self, key: str) -> None:
        with self._lock:
            self.data.setdefault("missing", {})[key] = datetime.now(timezone.utc).isoformat()

    def note(self, key: str, value) -> None:
        with self._lock:
            self.data[key] = value

    def save(self) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".json.tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(self.data, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
