"""Pages of the register entries: list, detail, edit, the questionnaire and the approval steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.http import htmx_target
from core.pages import with_choice_labels
from governance import estate_selectors, exports, literacy_selectors, rules, selectors, services
from governance.choices import ApprovalStatus
from governance.definitions import FIGURES
from governance.domain import classification as cls_domain
from governance.filters import AISystemFilterSet
from governance.forms import (
    AIModelFormSet,
    AISystemForm,
    DataSourceFormSet,
    GroundsForm,
    QuestionnaireForm,
    formset_rows,
)
from governance.history import history_entries
from governance.models import AIModel, AISystem, DataSource
from governance.questionnaire_texts import (
    BEARER_LABELS,
    CONSEQUENCE_TEXTS,
    OBLIGATION_TITLES,
    QUESTION_TEXTS,
)
from governance.services.systems import ApprovalConflict, default_role
from governance.views.common import PAGE_SIZE, require_editor, require_reader, review_state
from initiatives.models import Initiative
from initiatives.selectors import initiative_list
from people import rules as people_rules


def system_list_view(request: HttpRequest) -> HttpResponse:
    """The register: filterable list with headline numbers and exports of the same filter."""
    require_reader(request)
    filterset = AISystemFilterSet(
        request.GET,
        queryset=selectors.ai_system_list_annotated(user=request.user),
        request=request,
    )
    page = with_choice_labels(
        Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "status",
        "risk_class",
        "approval_status",
    )
    summary = selectors.register_summary(user=request.user)
    # Our own entries are listed by default; say how many reference entries that leaves out.
    hidden_references = (
        selectors.reference_systems(selectors.ai_system_list(user=request.user)).count()
        if filterset.data.get("source") == selectors.OWN_SOURCE
        else 0
    )
    context = {
        "hidden_references": hidden_references,
        "filterset": filterset,
        "chosen_initiative": filterset.chosen_initiative(),
        "page_obj": page,
        "summary": summary,
        "definitions": FIGURES,
        # The lists behind the tiles hold exactly what the tiles count (systems not retired).
        "current_url": "?" + selectors.CURRENT_SYSTEMS_QUERY,
        "high_risk_url": "?risk_class=high&" + selectors.CURRENT_SYSTEMS_QUERY,
        "unclassified_url": "?risk_class=unclassified&" + selectors.CURRENT_SYSTEMS_QUERY,
        "can_edit": rules.can_edit_register(request.user),
        "export_formats": exports.EXPORT_FORMATS,
        "query": request.GET.urlencode(),
    }
    template = "governance/system_list.html"
    if htmx_target(request) == "system-results":
        template = "governance/partials/system_table.html"
    return render(request, template, context)


def _system_history(system: AISystem, user: Any) -> list[Any]:
    scopes = {Initiative: initiative_list(user=user)}
    entries = history_entries(AISystem, system.history.all(), scopes=scopes)
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
    require_reader(request)
    system = selectors.ai_system_detail_get(user=request.user, pk=pk)
    today = timezone.localdate()
    reviews = list(system.reviews.select_related("owner").order_by("completed_on", "due_date"))
    for review in reviews:
        review.state = review_state(review, today)
    initiatives, other_initiatives = selectors.linked_initiatives(system=system, user=request.user)
    context = {
        "system": system,
        "initiatives": initiatives,
        "other_initiatives": other_initiatives,
        "ai_models": system.models.all(),
        "data_sources": system.data_sources.all(),
        "risks": system.risks.select_related("owner"),
        "reviews": reviews,
        "approval_events": system.approval_events.select_related("actor")[:20],
        "history": _system_history(system, request.user),
        "estate": estate_selectors.ai_system_dependencies(system=system, user=request.user),
        "literacy": literacy_selectors.system_literacy(system=system, today=today),
        "can_edit_literacy": people_rules.can_edit_people(request.user),
        "can_edit": rules.can_edit_system(request.user, system),
        "can_approve": rules.can_approve_system(request.user, system),
        "grounds_form": GroundsForm(),
        **_classification_context(system),
    }
    return render(request, "governance/system_detail.html", context)


@require_http_methods(["GET", "POST"])
def system_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or change a register entry with its models and data sources."""
    require_editor(request)
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
            "it_systems": form.cleaned_data["it_systems"],
            "estate_data_sources": form.cleaned_data["estate_data_sources"],
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
    require_editor(request)
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
    require_reader(request)
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


@require_POST
def system_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt a reference entry as one of the organisation's own systems."""
    require_reader(request)
    system = selectors.ai_system_get(user=request.user, pk=pk)
    try:
        services.ai_system_adopt(actor=request.user, system=system)
    except ApprovalConflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The entry is now one of our own: the register figures count it.")
        )
    return redirect("governance:system-detail", pk=system.pk)
