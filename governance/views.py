"""Pages of the AI register: parse input, call one selector or service, render."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.http import htmx_target, is_htmx
from core.roles import Cap, has_capability
from governance import exports, selectors, services
from governance.choices import ApprovalStatus, ImportStatus
from governance.domain import classification as cls_domain
from governance.domain import risk as risk_domain
from governance.domain.reviews import review_status
from governance.filters import AISystemFilterSet, ReviewFilterSet, RiskFilterSet
from governance.forms import (
    AIModelFormSet,
    AISystemForm,
    DataSourceFormSet,
    GroundsForm,
    ImportUploadForm,
    QuestionnaireForm,
    ReviewCompleteForm,
    ReviewForm,
    RiskForm,
    formset_rows,
)
from governance.history import history_entries
from governance.models import AIModel, AISystem, DataSource, Review, Risk
from governance.questionnaire_texts import CONSEQUENCE_TEXTS, OBLIGATION_TITLES, QUESTION_TEXTS
from governance.services.imports import import_progress_key
from governance.services.systems import ApprovalConflict, default_role

PAGE_SIZE = 25
BEARER_LABELS = {
    "provider": gettext_lazy("Provider"),
    "deployer": gettext_lazy("Deployer"),
    "provider_and_deployer": gettext_lazy("Provider and deployer"),
    "gpai_model_provider": gettext_lazy("Provider of the general-purpose model"),
}
ERRORS_PAGE_SIZE = 50


def _require(request: HttpRequest, cap: Cap) -> None:
    if not has_capability(request.user, cap):
        raise PermissionDenied


def _can_edit(request: HttpRequest) -> bool:
    return has_capability(request.user, Cap.EDIT_REGISTER)


# --- Register list and detail ------------------------------------------------------------------


def system_list_view(request: HttpRequest) -> HttpResponse:
    """The register: filterable list with headline numbers and exports of the same filter."""
    _require(request, Cap.VIEW_REGISTER)
    filterset = AISystemFilterSet(
        request.GET, queryset=selectors.ai_system_list_annotated(user=request.user)
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    summary = selectors.register_summary(user=request.user)
    context = {
        "filterset": filterset,
        "page_obj": page,
        "summary": summary,
        "can_edit": _can_edit(request),
        "export_formats": exports.EXPORT_FORMATS,
        "query": request.GET.urlencode(),
    }
    template = "governance/system_list.html"
    if htmx_target(request) == "system-results":
        template = "governance/partials/system_table.html"
    return render(request, template, context)


def _system_history(system: AISystem) -> list[Any]:
    entries = history_entries(AISystem, system.history.all())
    entries += history_entries(
        AIModel, AIModel.history.filter(system_id=system.pk), subject=_("Model"), limit=20
    )
    entries += history_entries(
        DataSource,
        DataSource.history.filter(system_id=system.pk),
        subject=_("Data source"),
        limit=20,
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:60]


def _classification_context(system: AISystem) -> dict[str, Any]:
    record = selectors.latest_classification(system)
    if record is None:
        return {"classification": None}
    rationale = [
        {
            "question": QUESTION_TEXTS.get(line["question_key"], line["question_key"]),
            "reference": cls_domain.QUESTIONS_BY_KEY[line["question_key"]].reference
            if line["question_key"] in cls_domain.QUESTIONS_BY_KEY
            else "",
            "answer": line["answer"],
            "consequence": CONSEQUENCE_TEXTS.get(line["consequence"], line["consequence"]),
        }
        for line in record.result.get("rationale", [])
    ]
    obligations = []
    try:
        result = cls_domain.classify(record.answers, record.role)
        for item in cls_domain.obligations(result):
            obligations.append(
                {
                    "article": item.article,
                    "title": OBLIGATION_TITLES.get(item.code.value, item.title),
                    "bearer": BEARER_LABELS.get(item.bearer.value, item.bearer.value),
                    "applies_from": item.applies_from,
                }
            )
    except cls_domain.InvalidAnswers:
        # Answers to an older questionnaire version: the stored rationale still explains them.
        pass
    return {
        "classification": record,
        "rationale": rationale,
        "obligations": obligations,
        "outdated": record.questionnaire_version != cls_domain.QUESTIONNAIRE_VERSION,
    }


def system_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One register entry: facts, class and why, obligations, risks, reviews, approval, history."""
    _require(request, Cap.VIEW_REGISTER)
    system = selectors.ai_system_detail_get(user=request.user, pk=pk)
    today = timezone.localdate()
    reviews = list(system.reviews.select_related("owner").order_by("completed_on", "due_date"))
    for review in reviews:
        review.state = (
            "completed" if review.completed_on else review_status(review.due_date, today).value
        )
    context = {
        "system": system,
        "initiatives": system.initiatives.select_related("owner").order_by("title"),
        "ai_models": system.models.all(),
        "data_sources": system.data_sources.all(),
        "risks": system.risks.select_related("owner"),
        "reviews": reviews,
        "approval_events": system.approval_events.select_related("actor")[:20],
        "history": _system_history(system),
        "can_edit": _can_edit(request),
        "can_approve": has_capability(request.user, Cap.APPROVE_REGISTER),
        "grounds_form": GroundsForm(),
        **_classification_context(system),
    }
    return render(request, "governance/system_detail.html", context)


@require_http_methods(["GET", "POST"])
def system_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or change a register entry with its models and data sources."""
    _require(request, Cap.EDIT_REGISTER)
    system = selectors.ai_system_get(user=request.user, pk=pk) if pk else None
    instance = system or AISystem()
    data = request.POST if request.method == "POST" else None
    form = AISystemForm(data, instance=instance)
    if system is not None and data is None:
        form.initial["initiatives"] = list(system.initiatives.values_list("pk", flat=True))
    model_formset = AIModelFormSet(data, instance=instance, prefix="models")
    source_formset = DataSourceFormSet(data, instance=instance, prefix="sources")
    if request.method == "POST" and all(
        [form.is_valid(), model_formset.is_valid(), source_formset.is_valid()]
    ):
        kwargs = {
            "actor": request.user,
            "data": form.service_data(),
            "initiatives": form.cleaned_data["initiatives"],
            "models": formset_rows(model_formset),
            "data_sources": formset_rows(source_formset),
        }
        try:
            if system is None:
                system = services.ai_system_create(**kwargs)
                messages.success(request, _("The AI system was added to the register as a draft."))
            else:
                before = system.approval_status
                system = services.ai_system_update(system=system, **kwargs)
                messages.success(request, _("The register entry was saved."))
                if before == ApprovalStatus.APPROVED and system.approval_status != before:
                    messages.warning(
                        request,
                        _("This was a material change: the entry needs approval again."),
                    )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("governance:system-detail", pk=system.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "governance/system_form.html",
        {
            "form": form,
            "model_formset": model_formset,
            "source_formset": source_formset,
            "system": system,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def system_classify_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The guided AI Act questionnaire; each answer may bring the questions it makes necessary."""
    _require(request, Cap.EDIT_REGISTER)
    system = selectors.ai_system_get(user=request.user, pk=pk)
    latest = selectors.latest_classification(system)
    previous_answers = latest.answers if latest else {}
    role = default_role(system)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST, role=role)
        asked = set(request.POST.getlist("asked"))
        if asked and not set(form.required_keys) <= asked:
            # The answers made further questions necessary: ask them without calling them missing.
            form = QuestionnaireForm(role=form["role"].value(), answers=form._bound_answers())
            messages.info(request, _("Your answers raise further questions below."))
        elif form.is_valid():
            # The answers may have made further questions necessary; ask them before classifying.
            newly_required = QuestionnaireForm(request.POST, role=form.cleaned_data["role"])
            if newly_required.required_keys != form.required_keys:
                form = newly_required
                messages.info(request, _("Your answers raise further questions below."))
            else:
                try:
                    services.ai_system_classify(
                        actor=request.user,
                        system=system,
                        answers=form.answers(),
                        role=form.cleaned_data["role"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("The system was classified."))
                    return redirect("governance:system-detail", pk=system.pk)
    else:
        form = QuestionnaireForm(role=role, answers=previous_answers)
    return render(
        request,
        "governance/questionnaire.html",
        {"form": form, "system": system, "version": cls_domain.QUESTIONNAIRE_VERSION},
        status=400 if form.is_bound else 200,
    )


_APPROVAL_ACTIONS = {
    "submit": services.ai_system_submit,
    "approve": services.ai_system_approve,
    "reject": services.ai_system_reject,
}


@require_POST
def system_approval_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit, approve or reject an entry; the service checks who may and when."""
    _require(request, Cap.VIEW_REGISTER)
    if action not in _APPROVAL_ACTIONS:
        raise Http404
    system = selectors.ai_system_get(user=request.user, pk=pk)
    form = GroundsForm(request.POST)
    grounds = form.data.get("grounds", "")
    try:
        _APPROVAL_ACTIONS[action](actor=request.user, system=system, grounds=grounds)
    except ApprovalConflict as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The approval status was updated."))
    return redirect("governance:system-detail", pk=system.pk)


# --- Risks -------------------------------------------------------------------------------------


def _heatmap_chart(heatmap: risk_domain.Heatmap) -> dict[str, Any]:
    """Plotly figure of the heatmap for charts.js: rows likelihood 1–5, columns impact 1–5."""
    likelihood, impact, count = _("Likelihood"), _("Impact"), _("Open risks")
    return {
        "data": [
            {
                "type": "heatmap",
                "z": [list(row) for row in heatmap.counts],
                "x": [1, 2, 3, 4, 5],
                "y": [1, 2, 3, 4, 5],
                "colorscale": [[0, "#f4f6f9"], [0.5, "#e0a100"], [1, "#a3231f"]],
                "hovertemplate": f"{likelihood} %{{y}} · {impact} %{{x}}: %{{z}}<extra></extra>",
                "colorbar": {"title": {"text": count}},
                "texttemplate": "%{z}",
                # Gaps make Plotly draw each cell as a block: no smoothing between counts.
                "xgap": 2,
                "ygap": 2,
            }
        ],
        "layout": {
            "margin": {"t": 20, "r": 10, "b": 50, "l": 60},
            "xaxis": {"title": {"text": impact}, "dtick": 1},
            "yaxis": {"title": {"text": likelihood}, "dtick": 1},
            "height": 380,
        },
    }


def risk_list_view(request: HttpRequest) -> HttpResponse:
    """All risks in scope, with a heatmap of the open ones (and the same as a table)."""
    _require(request, Cap.VIEW_REGISTER)
    filterset = RiskFilterSet(request.GET, queryset=selectors.risk_list(user=request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    heatmap = selectors.risk_heatmap(risks=filterset.qs)
    return render(
        request,
        "governance/risk_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "heatmap": heatmap,
            "heatmap_rows": heatmap.rows_for_display(),
            "chart": _heatmap_chart(heatmap),
        },
    )


def risk_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One risk with its scores and history."""
    _require(request, Cap.VIEW_REGISTER)
    risk = selectors.risk_get(user=request.user, pk=pk)
    return render(
        request,
        "governance/risk_detail.html",
        {
            "risk": risk,
            "band": risk_domain.band(risk.score),
            "residual_band": risk_domain.band(risk.residual_score) if risk.residual_score else None,
            "history": history_entries(Risk, risk.history.all()),
            "can_edit": _can_edit(request),
        },
    )


@require_http_methods(["GET", "POST"])
def risk_edit_view(
    request: HttpRequest, pk: int | None = None, system_pk: int | None = None
) -> HttpResponse:
    """Add a risk to a system, or change one."""
    _require(request, Cap.EDIT_REGISTER)
    risk = selectors.risk_get(user=request.user, pk=pk) if pk else None
    system = risk.system if risk else selectors.ai_system_get(user=request.user, pk=system_pk)  # type: ignore[arg-type]
    form = RiskForm(request.POST or None, instance=risk)
    if request.method == "POST" and form.is_valid():
        try:
            if risk is None:
                risk = services.risk_create(
                    actor=request.user, system=system, data=form.cleaned_data
                )
            else:
                risk = services.risk_update(actor=request.user, risk=risk, data=form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The risk was saved."))
            return redirect("governance:risk-detail", pk=risk.pk)
    return render(
        request,
        "governance/risk_form.html",
        {"form": form, "risk": risk, "system": system},
        status=400 if request.method == "POST" else 200,
    )


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- Reviews -----------------------------------------------------------------------------------


def review_list_view(request: HttpRequest) -> HttpResponse:
    """Reviews in scope; overdue and soon-due ones are a filter away."""
    _require(request, Cap.VIEW_REGISTER)
    filterset = ReviewFilterSet(request.GET, queryset=selectors.review_list(user=request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for review in page.object_list:
        review.state = (
            "completed" if review.completed_on else review_status(review.due_date, today).value
        )
    return render(
        request, "governance/review_list.html", {"filterset": filterset, "page_obj": page}
    )


def review_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One review: plan, outcome, evidence, history and the form to complete it."""
    _require(request, Cap.VIEW_REGISTER)
    review = selectors.review_get(user=request.user, pk=pk)
    state = (
        "completed"
        if review.completed_on
        else review_status(review.due_date, timezone.localdate()).value
    )
    return render(
        request,
        "governance/review_detail.html",
        {
            "review": review,
            "state": state,
            "history": history_entries(Review, review.history.all()),
            "can_edit": _can_edit(request),
            "complete_form": ReviewCompleteForm(initial={"completed_on": timezone.localdate()}),
        },
    )


@require_http_methods(["GET", "POST"])
def review_edit_view(
    request: HttpRequest, pk: int | None = None, system_pk: int | None = None
) -> HttpResponse:
    """Plan a review for a system, or change a review's plan."""
    _require(request, Cap.EDIT_REGISTER)
    review = selectors.review_get(user=request.user, pk=pk) if pk else None
    system = review.system if review else selectors.ai_system_get(user=request.user, pk=system_pk)  # type: ignore[arg-type]
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            if review is None:
                review = services.review_create(
                    actor=request.user, system=system, data=form.cleaned_data
                )
            else:
                review = services.review_update(
                    actor=request.user, review=review, data=form.cleaned_data
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The review was saved."))
            return redirect("governance:review-detail", pk=review.pk)
    return render(
        request,
        "governance/review_form.html",
        {"form": form, "review": review, "system": system},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def review_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a review's outcome; the next one of its kind is scheduled by cadence."""
    _require(request, Cap.EDIT_REGISTER)
    review = selectors.review_get(user=request.user, pk=pk)
    form = ReviewCompleteForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("evidence"):
            data.pop("evidence", None)
        try:
            services.review_complete(actor=request.user, review=review, data=data)
        except ApprovalConflict as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The review was completed."))
            return redirect("governance:review-detail", pk=review.pk)
    return render(
        request,
        "governance/review_detail.html",
        {
            "review": review,
            "state": review_status(review.due_date, timezone.localdate()).value,
            "history": history_entries(Review, review.history.all()),
            "can_edit": True,
            "complete_form": form,
        },
        status=400,
    )


def review_evidence_view(request: HttpRequest, pk: int) -> FileResponse:
    """Download a review's evidence, for people who may see the review."""
    _require(request, Cap.VIEW_REGISTER)
    review = selectors.review_get(user=request.user, pk=pk)
    if not review.evidence:
        raise Http404
    return FileResponse(
        review.evidence.open("rb"),
        as_attachment=True,
        filename=review.evidence.name.rsplit("/", 1)[-1],
    )


# --- Import and export -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def import_upload_view(request: HttpRequest) -> HttpResponse:
    """Upload an inventory file for a preview."""
    _require(request, Cap.EDIT_REGISTER)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_preview(
                actor=request.user,
                file=form.cleaned_data["file"],
                format_id=form.cleaned_data["format"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("governance:import-preview", pk=run.pk)
    return render(
        request,
        "governance/import_upload.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def import_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What the import will add, change and remove, and every row it cannot read."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    errors = Paginator(run.row_errors, ERRORS_PAGE_SIZE).get_page(request.GET.get("page"))
    plan = run.plan
    return render(
        request,
        "governance/import_preview.html",
        {
            "run": run,
            "page_obj": errors,
            "added": plan.get("added", [])[:50],
            "changed": plan.get("changed", [])[:50],
            "removed": plan.get("removed", [])[:50],
            "warnings": plan.get("warnings", [])[:50],
            "field_counts": plan.get("field_counts", {}),
            "can_commit": run.status == ImportStatus.PREVIEWED,
        },
    )


@require_POST
def import_commit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the all-or-nothing import job and show its progress."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    try:
        services.import_commit(actor=request.user, run=run)
    except ApprovalConflict as exc:
        messages.error(request, exc.message)
    return redirect("governance:import-job", pk=run.pk)


def import_progress(run: Any) -> dict[str, Any]:
    """Progress of an import's job: the cache while it writes, the job row otherwise."""
    job = run.job
    if job is None:
        return {"done": 0, "total": 0, "percent": 0, "message": "", "active": False}
    job.refresh_from_db()
    live = cache.get(import_progress_key(job.pk)) if job.is_active else None
    done, total = (live["done"], live["total"]) if live else (job.done, job.total)
    percent = (
        100
        if not job.is_active and job.status == "succeeded"
        else (min(100, done * 100 // total) if total else 0)
    )
    return {
        "done": done,
        "total": total,
        "percent": percent,
        "message": job.message,
        "active": job.is_active,
        "status": job.status,
        "error": job.error,
    }


def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The import job's page; the progress fragment polls itself while the job runs."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    context = {"run": run, "progress": import_progress(run)}
    if is_htmx(request):
        run.refresh_from_db()
        return render(request, "governance/partials/import_progress.html", context)
    return render(request, "governance/import_job.html", context)


def export_view(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV, XLSX, Dutch publication JSON, US CSV or Annex VIII."""
    _require(request, Cap.VIEW_REGISTER)
    filterset = AISystemFilterSet(request.GET, queryset=selectors.ai_system_list(user=request.user))
    export_format = request.GET.get("format", "csv")
    if export_format not in exports.EXPORT_FORMATS or not filterset.is_valid():
        return HttpResponse(_("Unknown export format or filter."), status=400)
    return exports.export_response(filterset.qs, export_format, today=datetime.date.today())
