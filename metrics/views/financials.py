"""Pages of money: the financial overview, an initiative's figures, its costs and benefits.

Costs and benefits are kept on the same pages; `_MoneyPages` says only what differs between
the two (form, selector, services and wording).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from metrics import rules, selectors, services
from metrics.forms import BenefitForm, CostForm, ServiceForm
from metrics.selectors.training import organisation_training_spend
from metrics.views.common import PAGE_SIZE, confirm_delete, form_page

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def financial_overview_view(request: HttpRequest) -> HttpResponse:
    """Every initiative the person may see with its costs and realised ROI to date."""
    page = Paginator(selectors.financial_overview(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    # The organisation's own training spend is in no initiative's figures: it shows beside them.
    organisation = organisation_training_spend(user=request.user, year=today.year, today=today)
    return render(
        request,
        "metrics/financial_overview.html",
        {
            "page_obj": page,
            "organisation_training": organisation,
            "can_book_training": rules.can_edit_financials(request.user),
        },
    )


def initiative_financials_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Costs, benefits and ROI per period (planned beside realised) of one initiative."""
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    grain = request.GET.get("grain", "quarter")
    if grain not in ("month", "quarter", "year"):
        grain = "quarter"
    costs = selectors.cost_list(user=request.user, initiative=initiative).order_by(
        "start_date", "id"
    )
    context = {
        "initiative": initiative,
        "costs": costs,
        "benefits": selectors.benefit_list(user=request.user, initiative=initiative).order_by(
            "start_date", "id"
        ),
        "roi": selectors.roi_table(user=request.user, initiative=initiative, grain=grain),
        "grain": grain,
        "can_edit": rules.can_edit_financials(request.user),
        "cost_history": selectors.cost_history(initiative=initiative),
        "benefit_history": selectors.benefit_history(initiative=initiative),
    }
    return render(request, "metrics/initiative_financials.html", context)


@dataclass(frozen=True)
class _MoneyPages:
    """What differs between the cost pages and the benefit pages."""

    form: type[ServiceForm]
    get: Callable[..., Any]
    create: Callable[[Any, Any, dict[str, Any]], Any]
    update: Callable[[Any, Any, dict[str, Any]], Any]
    delete: Callable[[Any, Any], Any]
    new_title: StrPromise
    change_title: StrPromise
    delete_title: StrPromise
    created: StrPromise
    changed: StrPromise


_COSTS = _MoneyPages(
    form=CostForm,
    get=selectors.cost_get,
    create=lambda actor, initiative, data: services.cost_create(
        actor=actor, initiative=initiative, data=data
    ),
    update=lambda actor, cost, data: services.cost_update(actor=actor, cost=cost, data=data),
    delete=lambda actor, cost: services.cost_delete(actor=actor, cost=cost),
    new_title=gettext_lazy("New cost for %(title)s"),
    change_title=gettext_lazy("Change cost"),
    delete_title=gettext_lazy("Delete cost"),
    created=gettext_lazy("Cost booked. The ROI is being recomputed."),
    changed=gettext_lazy("Cost changed. The ROI is being recomputed."),
)
_BENEFITS = _MoneyPages(
    form=BenefitForm,
    get=selectors.benefit_get,
    create=lambda actor, initiative, data: services.benefit_create(
        actor=actor, initiative=initiative, data=data
    ),
    update=lambda actor, benefit, data: services.benefit_update(
        actor=actor, benefit=benefit, data=data
    ),
    delete=lambda actor, benefit: services.benefit_delete(actor=actor, benefit=benefit),
    new_title=gettext_lazy("New benefit for %(title)s"),
    change_title=gettext_lazy("Change benefit"),
    delete_title=gettext_lazy("Delete benefit"),
    created=gettext_lazy("Benefit recorded. The ROI is being recomputed."),
    changed=gettext_lazy("Benefit changed. The ROI is being recomputed."),
)


def _financials_url(initiative_id: int) -> str:
    return reverse("metrics:initiative-financials", args=[initiative_id])


def _create(request: HttpRequest, pk: int, pages: _MoneyPages) -> HttpResponse:
    initiative = selectors.initiative_get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    return form_page(
        request,
        form=pages.form(request.POST or None),
        title=str(pages.new_title) % {"title": initiative.title},
        save=lambda data: pages.create(request.user, initiative, data),
        success_url=_financials_url(initiative.pk),
        cancel_url=_financials_url(initiative.pk),
        success_message=str(pages.created),
    )


def _update(request: HttpRequest, pk: int, pages: _MoneyPages) -> HttpResponse:
    row = pages.get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    initial = {field: getattr(row, field) for field in pages.form.base_fields}
    return form_page(
        request,
        form=pages.form(request.POST or None, initial=initial),
        title=str(pages.change_title),
        save=lambda data: pages.update(request.user, row, data),
        success_url=_financials_url(row.initiative_id),
        cancel_url=_financials_url(row.initiative_id),
        success_message=str(pages.changed),
    )


def _delete(request: HttpRequest, pk: int, pages: _MoneyPages) -> HttpResponse:
    row = pages.get(user=request.user, pk=pk)
    require(rules.can_edit_financials(request.user))
    return confirm_delete(
        request,
        title=str(pages.delete_title),
        what=str(row),
        delete=lambda: pages.delete(request.user, row),
        success_url=_financials_url(row.initiative_id),
    )


@require_http_methods(["GET", "POST"])
def cost_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Book a cost."""
    return _create(request, pk, _COSTS)


@require_http_methods(["GET", "POST"])
def cost_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a cost."""
    return _update(request, pk, _COSTS)


@require_http_methods(["GET", "POST"])
def cost_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a cost."""
    return _delete(request, pk, _COSTS)


@require_http_methods(["GET", "POST"])
def benefit_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a direct benefit."""
    return _create(request, pk, _BENEFITS)


@require_http_methods(["GET", "POST"])
def benefit_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a direct benefit."""
    return _update(request, pk, _BENEFITS)


@require_http_methods(["GET", "POST"])
def benefit_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a direct benefit."""
    return _delete(request, pk, _BENEFITS)
