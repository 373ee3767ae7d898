"""Benchmark: import of the US federal 2025 inventory (3,611 rows) into the register, end to end.

Runs against a scratch SQLite database (or DATABASE_URL when set) and prints one JSON line per
case: {"case", "ours_s", "reference_s", "ratio"}. "ours" is upload → preview → commit job (parse,
plan, one all-or-nothing transaction with history); the reference is the straightforward way:
parse, then save each system (and its history row) one by one.

    .venv/bin/python benchmarks/governance_import.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ["PORTFOLIO_DATA_DIR"] = tempfile.mkdtemp(prefix="governance-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portfolio.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from accounts.models import User  # noqa: E402
from governance import services  # noqa: E402
from governance.domain.inventories import parse  # noqa: E402
from governance.models import AISystem  # noqa: E402
from governance.services.imports import system_fields_from_record  # noqa: E402
from portfolio.celery import app  # noqa: E402
from portfolio.lib.roles import ROLE_GROUP_NAMES, Role  # noqa: E402

FILE = (
    settings.PORTFOLIO_DATASETS_DIR
    / "us-fed-ai-inventory-2025"
    / "2025_individually_reported_AI_use_cases.csv"
)


def _officer() -> User:
    from django.contrib.auth.models import Group

    user, _ = User.objects.get_or_create(username="bench-compliance")
    user.groups.set(Group.objects.filter(name=ROLE_GROUP_NAMES[Role.COMPLIANCE]))
    return user


def ours(actor: User, data: bytes) -> float:
    """Preview and commit through the services; the job runs in-process."""
    start = time.perf_counter()
    upload = SimpleUploadedFile(FILE.name, data, content_type="text/csv")
    run = services.import_preview(actor=actor, file=upload, format_id="us_2025")
    with transaction.atomic():
        services.import_commit(actor=actor, run=run)  # the job is dispatched on commit
    run.refresh_from_db()
    elapsed = time.perf_counter() - start
    assert run.status == "succeeded", run.error
    assert AISystem.objects.filter(source="us_2025").count() == 3609
    return elapsed


def reference(actor: User, data: bytes) -> float:
    """Parse, then one save per record in one transaction."""
    start = time.perf_counter()
    result = parse("us_2025", data, FILE.name)
    with transaction.atomic():
        for record in result.records:
            system = AISystem(source="us_2025", source_key=record.source_key, created_by=actor)
            for name, value in system_fields_from_record(record).items():
                setattr(system, name, value)
            system._history_user = actor  # type: ignore[attr-defined]
            system.save()
    elapsed = time.perf_counter() - start
    assert AISystem.objects.filter(source="us_2025").count() == 3609
    return elapsed


def main() -> None:
    call_command("migrate", verbosity=0)
    app.conf.task_always_eager = True
    actor = _officer()
    data = FILE.read_bytes()
    AISystem.objects.filter(source="us_2025").delete()
    ours_s = ours(actor, data)
    AISystem.objects.filter(source="us_2025").delete()
    reference_s = reference(actor, data)
    AISystem.objects.filter(source="us_2025").delete()
    print(
        json.dumps(
            {
                "case": "import_us_2025_csv_3611_rows",
                "ours_s": round(ours_s, 3),
                "reference_s": round(reference_s, 3),
                "ratio": round(ours_s / reference_s, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
