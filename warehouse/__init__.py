"""Delta Lake warehouse of parwatch: fetches, documents, figures, results (see DATASET.md)."""
from warehouse.store import MergeResult, Warehouse

__all__ = ["MergeResult", "Warehouse"]
