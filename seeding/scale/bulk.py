"""How the scale portfolio reaches the database fast: large bulk_create batches and PostgreSQL COPY.

Neither calls `save()` or sends signals, so no audit history is written for these rows.
"""

from __future__ import annotations

from core.bulk import BATCH, COPY_CHUNK, copy_lines

__all__ = ["BATCH", "COPY_CHUNK", "copy_lines"]
