"""Pages of the people app: the competence map, persons, training plans, literacy measures."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from core.history import history_entries
from core.http import id_param
from core.pages import add_errors, form_page
from people import domain, exports, rules, selectors, services
from people.forms import CompetenceFilterForm, LiteracyMeasureForm, PersonForm, TrainingPlanForm
from people.models import LiteracyMeasure, Person, TrainingPlan

# People per page of the competence map and the training plans.
MAP_PAGE_SIZE = 50


def _without_page(request: HttpRequest) -> str:
    """The query string of the page's filters without the page number (for exports)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _require_reader(request: HttpRequest) -> None:
    require(rules.can_read_people(request.user))


def _require_editor(request: HttpRequest) -> None:
    require(rules.can_edit_people(request.user), str(rules.EDITORS_ONLY))


def _require_budget_reader(request: HttpRequest) -> None:
    require(rules.can_view_budgets(request.user))


def _guide() -> dict[str, Any]:
    return {"guide_low": domain.BUDGET_GUIDE_LOW, "guide_high": domain.BUDGET_GUIDE_HIGH}


def competence_map_view(request: HttpRequest) -> HttpResponse:
    """People × skills with their levels, filterable, with the counts per skill."""
    _require_reader(request)
    form = CompetenceFilterForm(request.GET or None)
    filters = form.filters()
    matrix = selectors.competence_map(
        user=request.user, **filters, page=request.GET.get("page"), page_size=MAP_PAGE_SIZE
    )
    return render(
        request,
        "people/competence_map.html",
        {
            "form": form,
            "matrix": matrix,
            # An empty map says why: nobody recorded yet, or nobody left after filtering.
            "filtered": any(filters.values()),
            "can_edit": rules.can_edit_people(request.user),
            "can_view_budgets": rules.can_view_budgets(request.user),
            "export_formats": exports.EXPORT_FORMATS,
            "query": _without_page(request),
            "page_obj": matrix.page_obj,
        },
    )


def _export_format(request: HttpRequest) -> str | None:
    value = request.GET.get("format", "csv")
    return value if value in exports.EXPORT_FORMATS else None


def competence_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered competence map as CSV or XLSX."""
    _require_reader(request)
    form = CompetenceFilterForm(request.GET or None)
    export_format = _export_format(request)
    if export_format is None or (form.is_bound and not form.is_valid()):
        return HttpResponse(_("Unknown export format or filter."), status=400)
    matrix = selectors.competence_map(user=request.user, **form.filters())
    header, rows = exports.competence_table(matrix)
    return exports.export_response(
        header,
        rows,
        stem="competence-map",
        sheet="Competence map",
        export_format=export_format,
        today=datetime.date.today(),
    )


def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One person: skills, whether a translator, training plans, literacy measures received."""
    _require_reader(request)
    person = selectors.person_get(user=request.user, pk=pk)
    levels = selectors.levels_of(person)
    can_view_budgets = rules.can_view_budgets(request.user)
    plans = list(selectors.training_plan_list(user=request.user).filter(person=person))
    total = selectors.person_budget(plans)
    today = timezone.localdate()
    measures = [
        (measure, selectors.is_current(measure, today))
        for measure in selectors.literacy_measure_list(user=request.user).filter(
            participants=person
        )
    ]
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "skills": list(person.skills.all()),
            "translator": domain.is_translator(levels),
            "plans": plans,
            "total_budget": total,
            "hint": domain.budget_hint(total).value,
            "measures": measures,
            "history": history_entries(person.history.all()),
            "can_edit": rules.can_edit_people(request.user),
            "can_edit_training": rules.can_edit_training(request.user),
            "can_view_budgets": can_view_budgets,
            **_guide(),
        },
    )


@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a person with their skills, or change one."""
    _require_editor(request)
    person = selectors.person_get(user=request.user, pk=pk) if pk else None
    form = PersonForm(request.POST or None, instance=person)

    def save(_cleaned: dict[str, Any]) -> Person:
        if person is None:
            return services.person_create(
                actor=request.user, data=form.service_data(), skills=form.skills()
            )
        return services.person_update(
            actor=request.user, person=person, data=form.service_data(), skills=form.skills()
        )

    return form_page(
        request,
        form,
        save=save,
        saved=_("The person was saved."),
        detail="people:person-detail",
        template="people/person_form.html",
        context={"person": person},
    )


def training_list_view(request: HttpRequest) -> HttpResponse:
    """Every training plan with the totals per status and each person's budget against the guide."""
    _require_budget_reader(request)
    query = " ".join(request.GET.get("q", "").split())
    plans = selectors.training_plan_search(
        selectors.training_plan_list(user=request.user), query
    ).order_by("person__name", "starts_on", "id")
    page = Paginator(plans, MAP_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/training_list.html",
        {
            "plans": page.object_list,
            "page_obj": page,
            "q": query,
            "query": _without_page(request),
            "totals": selectors.training_totals(user=request.user),
            "budgets": selectors.person_budgets(user=request.user),
            "can_edit": rules.can_edit_people(request.user),
            "export_formats": exports.EXPORT_FORMATS,
            **_guide(),
        },
    )


def training_export_view(request: HttpRequest) -> HttpResponse:
    """Every training plan as CSV or XLSX."""
    _require_budget_reader(request)
    export_format = _export_format(request)
    if export_format is None:
        return HttpResponse(_("Unknown export format or filter."), status=400)
    plans = selectors.training_plan_search(
        selectors.training_plan_list(user=request.user), request.GET.get("q", "")
    ).order_by("person__name", "starts_on", "id")
    header, rows = exports.training_table(plans)
    return exports.export_response(
        header,
        rows,
        stem="training-plans",
        sheet="Training plans",
        export_format=export_format,
        today=datetime.date.today(),
    )


@require_http_methods(["GET", "POST"])
def training_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Plan a course or measure for a person, or change a plan."""
    require(rules.can_edit_training(request.user), str(rules.TRAINING_EDITORS_ONLY))
    plan = selectors.training_plan_get(user=request.user, pk=pk) if pk else None
    initial = {}
    person_id = id_param(request.GET.get("person"))
    if plan is None and person_id is not None:
        initial["person"] = person_id
    form = TrainingPlanForm(request.POST or None, instance=plan, initial=initial)

    def save() -> TrainingPlan:
        if plan is None:
            return services.training_plan_create(actor=request.user, data=form.service_data())
        return services.training_plan_update(
            actor=request.user, plan=plan, data=form.service_data()
        )

    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The training plan was saved."))
            return redirect("people:person-detail", pk=saved.person_id)
    return render(
        request,
        "people/training_form.html",
        {"form": form, "plan": plan},
        status=400 if request.method == "POST" else 200,
    )


def measure_list_view(request: HttpRequest) -> HttpResponse:
    """The AI-literacy measures (EU AI Act Art. 4), newest first, with whether each still counts."""
    _require_reader(request)
    today = timezone.localdate()
    measures = [
        (measure, selectors.is_current(measure, today))
        for measure in selectors.literacy_measure_list(user=request.user)
    ]
    return render(
        request,
        "people/measure_list.html",
        {"measures": measures, "can_edit": rules.can_edit_people(request.user)},
    )


def measure_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One literacy measure: objective, evidence, refresh, who took part."""
    _require_reader(request)
    measure = selectors.literacy_measure_get(user=request.user, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "people/measure_detail.html",
        {
            "measure": measure,
            "current": selectors.is_current(measure, today),
            "refresh_due": domain.refresh_due(measure.given_on, measure.refresh_months),
            "participants": list(measure.participants.all()),
            "history": history_entries(measure.history.all()),
            "can_edit": rules.can_edit_people(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def measure_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record a literacy measure with its participants, or change one."""
    _require_editor(request)
    measure = selectors.literacy_measure_get(user=request.user, pk=pk) if pk else None
    form = LiteracyMeasureForm(request.POST or None, instance=measure)

    def save(_cleaned: dict[str, Any]) -> LiteracyMeasure:
        participants = form.cleaned_data["participants"]
        if measure is None:
            return services.literacy_measure_create(
                actor=request.user, data=form.service_data(), participants=participants
            )
        return services.literacy_measure_update(
            actor=request.user,
            measure=measure,
            data=form.service_data(),
            participants=participants,
        )

    return form_page(
        request,
        form,
        save=save,
        saved=_("The literacy measure was saved."),
        detail="people:measure-detail",
        template="people/measure_form.html",
        context={"measure": measure},
    )


def _refusal(exc: ProtectedError, what: str) -> str:
    """Why a record cannot go: which records still refer to it, and what to do instead."""
    kinds = sorted({str(obj._meta.verbose_name) for obj in exc.protected_objects})
    return _(
        "%(what)s cannot be deleted while other records refer to it (%(records)s). Remove those "
        "first: a training booked as a cost is taken off the costs by finance. A training that "
        "did not happen is better cancelled."
    ) % {"what": what, "records": ", ".join(kinds)}


def _confirm_delete(
    request: HttpRequest,
    *,
    title: str,
    what: str,
    delete: Callable[[], None],
    success_url: str,
    cancel_url: str,
    note: str = "",
) -> HttpResponse:
    """Ask before deleting; on POST delete, or explain why the record must stay (409)."""
    error = ""
    if request.method == "POST":
        try:
            delete()
        except ProtectedError as exc:
            error = _refusal(exc, what)
        else:
            messages.success(request, _("Deleted. The change history keeps a record of it."))
            return redirect(success_url)
    return render(
        request,
        "people/confirm_delete.html",
        {"title": title, "what": what, "cancel_url": cancel_url, "error": error, "note": note},
        status=409 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def person_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a person entered by mistake, with their skills and training plans."""
    _require_editor(request)
    person = selectors.person_get(user=request.user, pk=pk)
    plans = person.training_plans.count()
    note = (
        ngettext(
            "Their %(count)s training plan is deleted with them.",
            "Their %(count)s training plans are deleted with them.",
            plans,
        )
        % {"count": plans}
        if plans
        else ""
    )
    return _confirm_delete(
        request,
        title=_("Delete %(name)s") % {"name": person.name},
        what=person.name,
        delete=lambda: services.person_delete(actor=request.user, person=person),
        success_url=reverse("people:competence-map"),
        cancel_url=reverse("people:person-detail", args=[person.pk]),
        note=note,
    )


@require_http_methods(["GET", "POST"])
def person_skill_delete_view(request: HttpRequest, pk: int, skill_pk: int) -> HttpResponse:
    """Remove one skill of a person."""
    _require_editor(request)
    person = selectors.person_get(user=request.user, pk=pk)
    skill = get_object_or_404(person.skills.all(), pk=skill_pk)
    detail = reverse("people:person-detail", args=[person.pk])
    return _confirm_delete(
        request,
        title=_("Delete a skill of %(name)s") % {"name": person.name},
        what=str(skill),
        delete=lambda: services.person_skill_delete(actor=request.user, skill=skill),
        success_url=detail,
        cancel_url=detail,
    )


@require_http_methods(["GET", "POST"])
def training_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a training plan entered by mistake."""
    require(rules.can_edit_training(request.user), str(rules.TRAINING_EDITORS_ONLY))
    plan = selectors.training_plan_get(user=request.user, pk=pk)
    detail = reverse("people:person-detail", args=[plan.person_id])
    return _confirm_delete(
        request,
        title=_("Delete the training plan %(title)s") % {"title": plan.title},
        what=str(plan),
        delete=lambda: services.training_plan_delete(actor=request.user, plan=plan),
        success_url=detail,
        cancel_url=detail,
    )


@require_http_methods(["GET", "POST"])
def measure_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a literacy measure recorded by mistake."""
    _require_editor(request)
    measure = selectors.literacy_measure_get(user=request.user, pk=pk)
    return _confirm_delete(
        request,
        title=_("Delete the literacy measure"),
        what=str(measure),
        delete=lambda: services.literacy_measure_delete(actor=request.user, measure=measure),
        success_url=reverse("people:measure-list"),
        cancel_url=reverse("people:measure-detail", args=[measure.pk]),
        note=_(
            "It is the record that proves the measure (EU AI Act Art. 4); delete it only if it "
            "was recorded by mistake."
        ),
    )
