"""Import of public inventories: preview (a dry run) and an all-or-nothing commit as a job.

Preview parses the file, compares it with what the same source imported before and keeps the
file, the counts, the plan (with every row and the organisations the file names, tallied) and
every row it could not read. Commit takes the compliance officer's choice of organisations (some,
or all explicitly; see governance.domain.inventories.selection), the department of ours each goes
to and whether the new entries are adopted, and enqueues a job that parses the file again (it
must still have the same SHA-256), re-plans the chosen rows against the register as it is then,
and applies the whole plan in ONE transaction: a failure half-way leaves the register untouched.

Imported entries are reference entries (other organisations' systems, kept to learn from) unless
the choice adopts them: they stay out of the register figures (governance.selectors.own_systems).

Progress. Inside that transaction a progress row written through the same connection would stay
invisible to the page polling it (PostgreSQL shows other connections only committed rows), so
the job writes its phases (reading, planning, committed) to the Job row outside the transaction,
and the per-record progress while writing to the cache under `import_progress_key(job_id)`, which
governance.selectors.import_run_progress reads first.

Nothing is dropped or merged silently: rows that cannot be read and rows that repeat a key are
listed with their reason; records that disappeared from the source are marked removed (with the
date) and kept, because risks, reviews and approvals may hang on them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.exceptions import require
from core.uploads import UploadRefused, upload_limits
from governance import events as governance_events
from governance import rules
from governance.choices import ApprovalStatus, Deployment, ImportStatus, SystemStatus
from governance.domain.inventories import (
    FORMATS,
    ImportChoice,
    ImportPlan,
    InventoryFileError,
    InventoryRecord,
    Issue,
    ParseResult,
    chosen_records,
    detect_format,
    diff,
    existing_in_scope,
    organisation_of,
    organisation_tallies,
    parse,
    record_fingerprint,
    unknown_organisations,
)
from governance.domain.record_codec import record_from_json, record_to_json
from governance.import_messages import translate_issue
from governance.models import AISystem, ApprovalEvent, ImportRun
from governance.selectors import import_progress_key
from governance.services.systems import ApprovalConflict
from governance.validators import validate_import_file
from initiatives.models import Department
from jobs.models import Job
from jobs.registry import Progress, register
from jobs.services import job_enqueue

JOB_KIND = "governance.register_import"
BATCH = 500
# Imported fields whose change withdraws an approval (see governance.services.systems).
_MATERIAL_IMPORTED = ("purpose", "vendor", "deployment", "processes_personal_data")
_UPDATED_FIELDS = (
    "name",
    "purpose",
    "description",
    "organisation",
    "organisation_unit",
    "contact_email",
    "url",
    "status",
    "source_status",
    "vendor",
    "deployment",
    "processes_personal_data",
    "source_record",
    "source_removed_at",
    "source_file",
    "department",
    "import_run",
    "approval_status",
)


def _deployment(text: str) -> str:
    lowered = text.lower()
    if "hybrid" in lowered:
        return Deployment.HYBRID
    if "on-prem" in lowered or "on prem" in lowered or "premise" in lowered:
        return Deployment.ON_PREMISES
    if "cloud" in lowered or "saas" in lowered:
        return Deployment.CLOUD
    return Deployment.UNKNOWN


def system_fields_from_record(record: InventoryRecord) -> dict[str, Any]:
    """The register fields an inventory record fills."""
    return {
        "name": record.name[:300],
        "purpose": record.purpose,
        "description": record.description,
        "organisation": record.organisation[:300],
        "organisation_unit": record.department[:300],
        "contact_email": record.contact[:300],
        "url": record.url[:500],
        "status": record.status.value if record.status else SystemStatus.PLANNED,
        "source_status": record.status_raw[:300],
        "vendor": record.vendor[:300],
        "deployment": _deployment(record.deployment),
        "processes_personal_data": record.personal_data,
        "source_record": record_to_json(record),
    }


def _existing_fingerprints(format_id: str) -> dict[str, dict[str, str]]:
    """Fingerprints of the records the source's last imports left in the register."""
    rows = AISystem.objects.filter(source=format_id, source_removed_at__isnull=True).values_list(
        "source_key", "source_record"
    )
    # Imported entries always have their source key; only hand-made ones have NULL.
    return {
        cast(str, key): record_fingerprint(record_from_json(data)) if data else {}
        for key, data in rows.iterator(chunk_size=2000)
    }


def _issue_json(issue: Issue) -> dict[str, Any]:
    return {
        "code": issue.code,
        "message": issue.message,
        "row": issue.row_number,
        "line": issue.line_number,
        "field": issue.field,
    }


def _plan_json(
    plan: ImportPlan, result: ParseResult, existing: Mapping[str, Mapping[str, str]]
) -> dict[str, Any]:
    names = {record.source_key: record.name for record in result.records}
    actions: dict[str, str] = dict.fromkeys(plan.added, "added")
    actions.update((change.key, "changed") for change in plan.changed)
    return {
        "added": [{"key": key, "name": names.get(key, "")} for key in plan.added],
        "changed": [
            {"key": change.key, "name": names.get(change.key, ""), "fields": list(change.fields)}
            for change in plan.changed
        ],
        "removed": list(plan.removed),
        "field_counts": plan.field_counts(),
        "warnings": [_issue_json(issue) for issue in result.warnings],
        # Every record in file order, for the paged preview and the choice of organisations.
        "rows": [
            {
                "row": record.row_number,
                "line": record.line_number,
                "key": record.source_key,
                "name": record.name,
                "organisation": organisation_of(record),
                "unit": record.department,
                "action": actions.get(record.source_key, "unchanged"),
            }
            for record in result.records
        ],
        "removed_rows": [
            {
                "key": key,
                "name": existing.get(key, {}).get("name", ""),
                "organisation": existing.get(key, {}).get("organisation", "").strip(),
            }
            for key in plan.removed
        ],
        "organisations": [
            tally.to_json() for tally in organisation_tallies(result.records, plan, existing)
        ],
    }


def _counts_json(plan: ImportPlan, result: ParseResult) -> dict[str, int]:
    counts = result.counts
    return {
        "rows_in_file": counts.rows_in_file,
        "records": counts.records,
        "errors": counts.errors,
        "duplicates": counts.duplicates,
        "blank_rows": counts.blank_rows,
        "warnings": counts.warnings,
        **plan.counts,
    }


def _parse(format_id: str, data: bytes, filename: str) -> ParseResult:
    try:
        return parse(format_id, data, filename, upload_limits())
    except InventoryFileError as exc:
        raise ValidationError({"file": [translate_issue(exc.message)]}) from exc
    except UploadRefused as exc:
        raise ValidationError({"file": [exc.message]}) from exc


def import_preview(*, actor: Any, file: Any, format_id: str = "") -> ImportRun:
    """Dry run: read the file, plan the import and keep both for the commit.

    The file is bounded before it is parsed (see core.uploads): a refusal is a field error on
    `file`, and nothing is kept.
    """
    require(rules.can_edit_register(actor), str(rules.EDITORS_ONLY))
    validate_import_file(file)
    file.seek(0)
    data = file.read()
    filename = file.name.rsplit("/", 1)[-1]
    if not format_id:
        try:
            format_id = detect_format(filename, data, upload_limits()) or ""
        except UploadRefused as exc:
            raise ValidationError({"file": [exc.message]}) from exc
        if not format_id:
            raise ValidationError(
                {"format": [_("The format of this file could not be recognised; choose it.")]}
            )
    elif format_id not in FORMATS:
        raise ValidationError({"format": [_("Unknown format.")]})
    result = _parse(format_id, data, filename)
    existing = _existing_fingerprints(format_id)
    plan = diff(existing, result.records)
    run = ImportRun(
        format_id=format_id,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        counts=_counts_json(plan, result),
        plan=_plan_json(plan, result, existing),
        row_errors=[_issue_json(issue) for issue in (*result.row_errors, *result.duplicates)],
        created_by=actor,
    )
    run.file.save(filename, ContentFile(data), save=False)
    run.save()
    return run


def import_choice_make(
    *,
    run: ImportRun,
    organisations: Sequence[str] = (),
    all_organisations: bool = False,
    departments: Mapping[str, Any] | None = None,
    adopt: bool = False,
) -> ImportChoice:
    """The compliance officer's choice, checked against the organisations the file names.

    Nothing chosen, an organisation the file does not name, or a department for an organisation
    not chosen (or one that does not exist) is a field error on `organisations` or `departments`.
    """
    known = [str(tally["name"]) for tally in run.organisations]
    chosen = list(dict.fromkeys(organisations))
    if not all_organisations and not chosen:
        raise ValidationError(
            {"organisations": [_("Choose the organisations to import, or all of them.")]}
        )
    unknown = unknown_organisations(chosen, known)
    if unknown:
        raise ValidationError(
            {
                "organisations": [
                    _("The file names no organisation %(names)s.")
                    % {"names": ", ".join(f"“{name}”" for name in unknown[:5])}
                ]
            }
        )
    choice = ImportChoice(None if all_organisations else frozenset(chosen), {}, adopt)
    mapping: dict[str, int] = {}
    for name, department in (departments or {}).items():
        if department in (None, ""):
            continue
        if not choice.includes(name) or name not in known:
            raise ValidationError(
                {
                    "departments": [
                        _("“%(name)s” is not among the organisations chosen to import.")
                        % {"name": name}
                    ]
                }
            )
        department_id = getattr(department, "pk", department)
        try:
            mapping[name] = int(department_id)
        except (TypeError, ValueError):
            mapping[name] = 0
    missing = set(mapping.values()) - set(
        Department.objects.filter(pk__in=set(mapping.values())).values_list("pk", flat=True)
    )
    if missing:
        raise ValidationError({"departments": [_("Choose a department that exists.")]})
    return ImportChoice(choice.organisations, mapping, adopt)


def import_commit(
    *,
    actor: Any,
    run: ImportRun,
    organisations: Sequence[str] = (),
    all_organisations: bool = False,
    departments: Mapping[str, Any] | None = None,
    adopt: bool = False,
) -> Job:
    """Queue the all-or-nothing import of the chosen organisations' rows of a previewed file.

    The organisations are chosen explicitly: some by name, or all with `all_organisations`;
    `departments` maps an organisation to a department of ours (or its id); `adopt` makes the
    new entries the organisation's own instead of reference entries. A second click reuses the
    job.
    """
    require(rules.can_edit_register(actor), str(rules.EDITORS_ONLY))
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportStatus.PREVIEWED:
            if run.job_id is not None and run.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
                return run.job  # type: ignore[return-value]
            raise ApprovalConflict(_("This import has already been committed."))
        choice = import_choice_make(
            run=run,
            organisations=organisations,
            all_organisations=all_organisations,
            departments=departments,
            adopt=adopt,
        )
        run.choice = choice.to_json()
        job = job_enqueue(
            kind=JOB_KIND,
            actor=actor,
            params={"import_run_id": run.pk},
            dedupe_key=f"governance-import-{run.pk}",
        )
        run.status = ImportStatus.QUEUED
        run.job = job
        run.save(update_fields=["status", "job", "choice"])
    return job


def _batches(items: list[Any], size: int = BATCH) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _apply(
    *,
    run: ImportRun,
    actor: Any,
    records: Mapping[str, InventoryRecord],
    plan: ImportPlan,
    job_id: int,
    choice: ImportChoice,
) -> dict[str, int]:
    """Write the plan of the chosen records; the caller holds the transaction."""
    now = timezone.now()
    # A department deleted since the choice was made is not ours to file the systems under.
    departments = set(
        Department.objects.filter(pk__in=set(choice.departments.values())).values_list(
            "pk", flat=True
        )
    )

    def place(system: AISystem, record: InventoryRecord) -> None:
        for name, value in system_fields_from_record(record).items():
            setattr(system, name, value)
        system.source_file = run.filename
        system.import_run = run
        department_id = choice.department_for(organisation_of(record))
        if department_id in departments:
            system.department_id = department_id

    total = len(plan.added) + len(plan.changed) + len(plan.removed)
    done = 0

    def tick(step: int) -> None:
        nonlocal done
        done += step
        cache.set(import_progress_key(job_id), {"done": done, "total": total}, timeout=3600)

    # A key removed by an earlier import and back now is revived rather than added twice.
    revived = {
        system.source_key: system
        for system in AISystem.objects.filter(
            source=run.format_id, source_key__in=list(plan.added), source_removed_at__isnull=False
        )
    }
    new_systems: list[AISystem] = []
    for key in plan.added:
        system = revived.get(key) or AISystem(
            source=run.format_id, source_key=key, created_by=actor, is_reference=not choice.adopt
        )
        place(system, records[key])
        system.source_removed_at = None
        if system.pk is None:
            new_systems.append(system)
    for batch in _batches(new_systems):
        bulk_create_with_history(batch, AISystem, batch_size=BATCH, default_user=actor)
        tick(len(batch))
    if revived:
        bulk_update_with_history(
            list(revived.values()), AISystem, list(_UPDATED_FIELDS), default_user=actor
        )
        tick(len(revived))

    changed_keys = [change.key for change in plan.changed]
    events = []
    for keys in _batches(changed_keys):
        systems = list(AISystem.objects.filter(source=run.format_id, source_key__in=keys))
        for system in systems:
            # Fetched by source key above, so it is never NULL here.
            record = records[cast(str, system.source_key)]
            values = system_fields_from_record(record)
            material = [
                name for name in _MATERIAL_IMPORTED if getattr(system, name) != values[name]
            ]
            place(system, record)
            if material and system.approval_status == ApprovalStatus.APPROVED:
                events.append(
                    ApprovalEvent(
                        system=system,
                        from_status=ApprovalStatus.APPROVED,
                        to_status=ApprovalStatus.SUBMITTED,
                        actor=actor,
                        grounds=_("Material change by the import of %(file)s: %(fields)s.")
                        % {"file": run.filename, "fields": ", ".join(material)},
                        material_fields=material,
                    )
                )
                system.approval_status = ApprovalStatus.SUBMITTED
        bulk_update_with_history(systems, AISystem, list(_UPDATED_FIELDS), default_user=actor)
        tick(len(systems))
    if events:
        bulk_create_with_history(events, ApprovalEvent, default_user=actor)

    for keys in _batches(list(plan.removed)):
        systems = list(AISystem.objects.filter(source=run.format_id, source_key__in=keys))
        for system in systems:
            system.source_removed_at = now
            system.import_run = run
        bulk_update_with_history(
            systems, AISystem, ["source_removed_at", "import_run"], default_user=actor
        )
        tick(len(systems))
    return {
        **plan.counts,
        "rows_chosen": len(records),
        "withdrawn_approvals": len(events),
    }


@register(JOB_KIND)
def register_import_apply(job: Job, progress: Progress) -> dict[str, Any]:
    """Job handler: parse the previewed file again and apply it all or nothing."""
    run_id = job.params["import_run_id"]
    claimed = ImportRun.objects.filter(
        pk=run_id, job_id=job.pk, status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING)
    ).update(status=ImportStatus.RUNNING)
    if not claimed:
        return {"skipped": True}
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    actor = run.created_by
    try:
        progress(0, 3, _("Reading the file"))
        with run.file.open("rb") as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != run.sha256:
            raise ValueError(_("The stored file changed since the preview."))
        result = _parse(run.format_id, data, run.filename)
        progress(1, 3, _("Comparing with the register"))
        choice = ImportChoice.from_json(run.choice)
        records = chosen_records(result.records, choice)
        existing = existing_in_scope(_existing_fingerprints(run.format_id), result.records, choice)
        plan = diff(existing, records)
        progress(2, 3, _("Writing the register"))
        with transaction.atomic():
            outcome = _apply(
                run=run,
                actor=actor,
                records={record.source_key: record for record in records},
                plan=plan,
                job_id=job.pk,
                choice=choice,
            )
    except Exception as exc:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.FAILED, error=str(exc)[:4000], finished_at=timezone.now()
        )
        raise
    finally:
        cache.delete(import_progress_key(job.pk))
    counts = {**run.counts, **outcome}
    with transaction.atomic():
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.SUCCEEDED,
            result=counts,
            finished_at=timezone.now(),
        )
        governance_events.emit_import_finished(run, counts)
    progress(3, 3, _("Imported"))
    return {"import_run_id": run_id, **counts}
