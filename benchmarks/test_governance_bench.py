"""Import of the US federal 2025 inventory (3,611 rows) into the register, end to end.

"Ours" is upload → preview → commit job (parse, plan, one all-or-nothing transaction with
history); the reference is the straightforward way measured in the same run: parse, then save
each system and its history row one by one.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from benchmarks.conftest import report
from core.history import as_actor
from governance import services
from governance.domain.inventories import parse
from governance.models import AISystem
from governance.services.imports import system_fields_from_record

pytestmark = pytest.mark.django_db(transaction=True)
DISTINCT_RECORDS = 3609  # 3,611 rows, two of them exact copies of another row


def test_import_us_2025_end_to_end(compliance_officer) -> None:
    path = (
        settings.PORTFOLIO_DATASETS_DIR
        / "us-fed-ai-inventory-2025"
        / "2025_individually_reported_AI_use_cases.csv"
    )
    data = path.read_bytes()

    start = time.perf_counter()
    upload = SimpleUploadedFile(path.name, data, content_type="text/csv")
    run = services.import_preview(actor=compliance_officer, file=upload, format_id="us_2025")
    with transaction.atomic():
        # The job runs on commit; every agency of the file is chosen, explicitly.
        services.import_commit(actor=compliance_officer, run=run, all_organisations=True)
    run.refresh_from_db()
    ours_s = time.perf_counter() - start
    assert run.status == "succeeded", (run.status, run.job.status, run.job.error)
    assert AISystem.objects.filter(source="us_2025").count() == DISTINCT_RECORDS

    AISystem.objects.filter(source="us_2025").delete()
    start = time.perf_counter()
    result = parse("us_2025", data, path.name)
    with transaction.atomic():
        for record in result.records:
            system = AISystem(
                source="us_2025", source_key=record.source_key, created_by=compliance_officer
            )
            for name, value in system_fields_from_record(record).items():
                setattr(system, name, value)
            as_actor(system, compliance_officer).save()
    reference_s = time.perf_counter() - start
    assert AISystem.objects.filter(source="us_2025").count() == DISTINCT_RECORDS
    report(
        "import_us_2025_csv_3611_rows", ours_s=ours_s, reference_s=reference_s,
        reference="parse, then save each record with its history one by one", rows=3611,
    )  # fmt: skip
