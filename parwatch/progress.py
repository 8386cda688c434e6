"""How `parwatch run` reports: a rich progress bar on a terminal, plain lines otherwise,
or one JSON object per line with --log-json (for log shippers)."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone


class Reporter:
    def __init__(self, log_json: bool = False, stream=None):
        self.stream = stream or sys.stderr
        self.log_json = log_json
        self._progress = None
        self._task = None
        if not log_json and self.stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=Console(file=self.stream), transient=False)

    def start(self, total: int) -> None:
        if self._progress:
            self._progress.start()
            self._task = self._progress.add_task("pipeline", total=total)

    def step(self, description: str) -> None:
        if self._progress:
            self._progress.update(self._task, advance=1, description=description)

    def stop(self) -> None:
        if self._progress:
            self._progress.stop()

    def __call__(self, message: str, **fields) -> None:
        if self.log_json:
            rec = {"ts": datetime.now(timezone.utc).isoformat(timespec="seconds"), "msg": message, **fields}
            print(json.dumps(rec, ensure_ascii=False, default=str), file=self.stream, flush=True)
        elif self._progress:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)
