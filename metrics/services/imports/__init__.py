"""Bulk measurements from the API or a CSV/XLSX file: check every row, then save all or nothing.

A file import has two steps. The preview (`measurement_import(dry_run=True)`) runs in the request
and lists every row error. The commit is a background job (`measurement_import_enqueue`): the
upload is kept in the media storage under `imports/measurements/<uuid>.<ext>`, and the job reads
it again, re-checks every row against the database as it is then and writes all rows in ONE
transaction; if any row fails, nothing is saved and the job fails with the row errors in its
result. The stored file is deleted when the job ends, however it ends.

Progress. Rows written inside the transaction stay invisible to the page polling the Job row
(other connections see only committed rows), so the job writes its phases (reading, checking,
writing, imported) to the Job row outside the transaction, and the rows written so far to the
cache under `measurement_import_progress_key(job_id)`, which `measurement_import_status` reads
first while the job is active.

The JSON bulk endpoint (`measurements/bulk/`) stays synchronous: it sends few rows at a time.
"""

from metrics.services.imports.files import (
    COLUMNS,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    TEMPLATE_COLUMNS,
    ImportFileError,
    read_upload,
)
from metrics.services.imports.jobs import (
    JOB_KIND,
    UPLOAD_DIR,
    ImportRowsInvalid,
    import_file_discard,
    import_file_keep,
    measurement_import_enqueue,
    measurement_import_job_get,
    measurement_import_progress_key,
    measurement_import_run,
    measurement_import_status,
)
from metrics.services.imports.rows import (
    WRITE_BATCH,
    ImportResult,
    RowError,
    measurement_import,
    measurement_import_template,
    measurement_rows_check,
)

__all__ = [
    "COLUMNS",
    "JOB_KIND",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "TEMPLATE_COLUMNS",
    "UPLOAD_DIR",
    "WRITE_BATCH",
    "ImportFileError",
    "ImportResult",
    "ImportRowsInvalid",
    "RowError",
    "import_file_discard",
    "import_file_keep",
    "measurement_import",
    "measurement_import_enqueue",
    "measurement_import_job_get",
    "measurement_import_progress_key",
    "measurement_import_run",
    "measurement_import_status",
    "measurement_import_template",
    "measurement_rows_check",
    "read_upload",
]
