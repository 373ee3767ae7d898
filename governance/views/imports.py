"""Pages of inventory import and export: upload, preview, commit, the job's progress, export."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.http import is_htmx
from core.pages import add_errors, form_page
from governance import exports, selectors, services
from governance.choices import ImportStatus
from governance.domain.inventories import ImportChoice
from governance.filters import AISystemFilterSet
from governance.forms import (
    FORMAT_LABELS,
    ImportChoiceForm,
    ImportCommitForm,
    ImportUploadForm,
    organisation_label,
)
from governance.models import ImportRun
from governance.services.systems import ApprovalConflict
from governance.views.common import require_editor, require_reader

PREVIEW_PAGE_SIZE = 50
# Parameters that mean the choice form of the preview was sent.
_CHOICE_KEYS = ("organisation", "all", "choose")


@require_http_methods(["GET", "POST"])
def import_upload_view(request: HttpRequest) -> HttpResponse:
    """Upload an inventory file for a preview."""
    require_editor(request)

    def save(data: dict[str, Any]) -> ImportRun:
        return services.import_preview(
            actor=request.user, file=data["file"], format_id=data["format"]
        )

    return form_page(
        request,
        ImportUploadForm(request.POST or None, request.FILES or None),
        save=save,
        saved=None,
        detail="governance:import-preview",
        template="governance/import_upload.html",
        context={},
    )


def _names(run: ImportRun) -> list[str]:
    return [str(tally["name"]) for tally in run.organisations]


def _preview_page(
    request: HttpRequest,
    run: ImportRun,
    *,
    data: Any = None,
    commit_form: ImportCommitForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The preview: organisations to choose from, the choice's numbers, the paged rows."""
    names = _names(run)
    choice_form = ImportChoiceForm(data, organisations=names)
    chosen: list[str] | None = []
    if choice_form.is_bound and choice_form.is_valid():
        chosen = choice_form.chosen()
    choice = None if chosen == [] else ImportChoice(None if chosen is None else frozenset(chosen))
    if choice is None and not choice_form.is_bound and run.choice:
        # A committed import shows what was chosen for it.
        choice = ImportChoice.from_json(run.choice)
        chosen = None if choice.everything else sorted(choice.organisations or ())
    can_commit = run.status == ImportStatus.PREVIEWED
    if can_commit and choice is not None and commit_form is None:
        commit_form = ImportCommitForm(
            initial={"organisation": chosen or [], "all": chosen is None},
            organisations=names,
            departments=selectors.import_department_choices(),
        )
    rows = selectors.import_preview_rows(run=run, choice=choice)
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    picked = set(names if chosen is None else chosen)
    plan = run.plan
    removed = [
        row
        for row in plan.get("removed_rows", [])
        if choice is None or choice.includes(row.get("organisation", ""))
    ]
    return render(
        request,
        "governance/import_preview.html",
        {
            "run": run,
            "format_label": FORMAT_LABELS.get(run.format_id, run.format_id),
            "page_obj": page,
            "page_links": _page_links(page),
            "choice_form": choice_form,
            "choice": choice,
            "chosen_counts": selectors.import_chosen_counts(run=run, choice=choice)
            if choice is not None
            else None,
            "organisations": [
                {**tally, "label": organisation_label(str(tally["name"])), "index": index}
                for index, tally in enumerate(run.organisations)
            ],
            "picked": picked if choice is not None or choice_form.is_bound else set(),
            "all_checked": chosen is None,
            "commit_form": commit_form,
            "department_fields": commit_form.department_fields(chosen) if commit_form else [],
            "removed": removed[:50],
            "removed_total": len(removed),
            "warnings": plan.get("warnings", [])[:50],
            "field_counts": plan.get("field_counts", {}),
            "can_commit": can_commit,
        },
        status=status,
    )


def _page_links(page: Any) -> list[int | None]:
    """Page numbers to link: the first, the last and two either side of the current (None: a
    gap), so the links stay few whatever the number of pages."""
    count, current = page.paginator.num_pages, page.number
    shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
    links: list[int | None] = []
    for number in shown:
        if links and number - (links[-1] or 0) > 1:
            links.append(None)
        links.append(number)
    return links


def import_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The file's organisations to choose from, what importing the chosen ones does, and every
    row, paged: first those that cannot be imported, then the chosen records."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    choosing = any(key in request.GET for key in _CHOICE_KEYS)
    return _preview_page(request, run, data=request.GET if choosing else None)


@require_POST
def import_commit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the all-or-nothing import of the chosen organisations and show its progress."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    form = ImportCommitForm(
        request.POST,
        organisations=_names(run),
        departments=selectors.import_department_choices(),
    )
    valid = form.is_valid()
    if valid or run.status != ImportStatus.PREVIEWED:
        chosen = form.chosen() if valid else []
        try:
            # An import already committed is answered whatever was sent (the service says so).
            services.import_commit(
                actor=request.user,
                run=run,
                organisations=chosen or (),
                all_organisations=valid and chosen is None,
                departments=form.departments() if valid else None,
                adopt=valid and bool(form.cleaned_data.get("adopt")),
            )
        except ApprovalConflict as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            add_errors(form, exc)
            return _preview_page(request, run, data=request.POST, commit_form=form, status=400)
        return redirect("governance:import-job", pk=run.pk)
    return _preview_page(request, run, data=request.POST, commit_form=form, status=400)


def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The import job's page; the progress fragment polls itself while the job runs."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    context = {"run": run, "progress": selectors.import_run_progress(run=run)}
    if is_htmx(request):
        run.refresh_from_db()
        return render(request, "governance/partials/import_progress.html", context)
    return render(request, "governance/import_job.html", context)


def export_view(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV, XLSX, Dutch publication JSON, US CSV or Annex VIII."""
    require_reader(request)
    filterset = AISystemFilterSet(
        request.GET, queryset=selectors.ai_system_list(user=request.user), request=request
    )
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.EXPORT_FORMATS or not filterset.is_valid():
        return HttpResponse(_("Unknown export format or filter."), status=400)
    return exports.export_response(
        filterset.qs,
        export_format,
        today=datetime.date.today(),
        initiatives=filterset.visible_initiatives(),
    )
