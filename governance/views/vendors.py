"""Pages of the vendor area: vendors with their products, evaluations with the side-by-side
comparison and the decision (candidates, scores and cost lines: governance.views.vendor_candidates).

Everyone whose role reads the register reads vendors and the evaluations in their scope; cost
lines and the total cost of ownership only with a financial view. Pages ask for the role before
they look anything up; the services check again when they write.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import Refused, require
from core.pages import add_errors
from core.roles import Cap, has_capability
from governance import rules, vendor_exports
from governance import vendor_selectors as selectors
from governance.history import HistoryEntry, history_entries
from governance.models import (
    AISystem,
    EvaluationCriterion,
    Vendor,
    VendorEvaluation,
    VendorProduct,
)
from governance.selectors import ai_system_list
from governance.services import vendors as services
from governance.vendor_filters import VendorEvaluationFilterSet, VendorFilterSet
from governance.vendor_forms import (
    CancelForm,
    DecisionForm,
    EvaluationWeightsForm,
    VendorEvaluationForm,
    VendorForm,
    VendorProductForm,
)
from governance.views.common import PAGE_SIZE
from initiatives.models import Initiative
from initiatives.selectors import initiative_list


def require_vendor_reader(request: HttpRequest) -> None:
    """403 unless the person's role reads the register (vendors are read by the same roles)."""
    require(has_capability(request.user, Cap.VIEW_REGISTER))


def require_vendor_editor(request: HttpRequest) -> None:
    """403 unless the person keeps vendors and evaluations."""
    require(rules.can_edit_vendors(request.user), str(rules.VENDOR_EDITORS_ONLY))


def require_cost_editor(request: HttpRequest) -> None:
    """403 unless the person keeps cost lines."""
    require(rules.can_edit_vendor_costs(request.user), str(rules.COST_EDITORS_ONLY))


def vendor_rights(user: Any) -> dict[str, bool]:
    return {
        "can_edit": rules.can_edit_vendors(user),
        "can_see_money": rules.can_see_vendor_costs(user),
        "can_edit_costs": rules.can_edit_vendor_costs(user),
    }


def vendor_round_trip(
    request: HttpRequest,
    form: Any,
    *,
    save: Callable[[], Any],
    saved: str,
    success: Callable[[Any], str],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A valid POST goes to `save`; then to `success(obj)`, else the form again (400).

    A service's ValidationError shows on the form, a refusal of the object's state above it.
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save()
        except ValidationError as exc:
            add_errors(form, exc)
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, saved)
            return redirect(success(obj))
    return render(
        request,
        template,
        {"form": form, **context},
        status=400 if request.method == "POST" else 200,
    )


def vendor_post_action(
    request: HttpRequest, action: Callable[[], Any], *, done: str, back: str
) -> Any:
    """Run a POST-only action; a refusal (state, protected rows) is shown as a message."""
    try:
        action()
    except Refused as exc:
        messages.error(request, exc.message)
    except ProtectedError:
        messages.error(request, _("It is a candidate in an evaluation and cannot be removed."))
    else:
        messages.success(request, done)
        return None
    return redirect(back)


# --- Vendors -----------------------------------------------------------------------------------


def vendor_list_view(request: HttpRequest) -> HttpResponse:
    """The vendors with their products and AI systems, searchable, with exports."""
    require_vendor_reader(request)
    filterset = VendorFilterSet(
        request.GET, queryset=selectors.vendor_list(user=request.user), request=request
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/vendor_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "export_formats": vendor_exports.EXPORT_FORMATS,
            "query": request.GET.urlencode(),
            "export_url": "governance:vendor-export",
            **vendor_rights(request.user),
        },
    )


def vendor_history(
    model: type[Any], records: Any, user: Any, subject: str = ""
) -> list[HistoryEntry]:
    scopes = {Initiative: initiative_list(user=user), AISystem: ai_system_list(user=user)}
    return history_entries(model, records, scopes=scopes, subject=subject)


def newest_first(*groups: list[HistoryEntry]) -> list[HistoryEntry]:
    return sorted((e for group in groups for e in group), key=lambda e: e.when, reverse=True)[:50]


def vendor_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One vendor: details, products, its AI systems, the evaluations it takes part in, history."""
    require_vendor_reader(request)
    vendor = selectors.vendor_get(user=request.user, pk=pk)
    systems, other_systems = selectors.vendor_ai_systems(vendor=vendor, user=request.user)
    products = list(vendor.products.order_by("name"))
    product_history = [
        HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=str(record.get_history_type_display()).lower(),
            subject=_("Product %(name)s") % {"name": record.name},
        )
        for record in VendorProduct.history.filter(vendor_id=vendor.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    ]
    return render(
        request,
        "governance/vendor_detail.html",
        {
            "vendor": vendor,
            "products": products,
            "ai_systems": systems,
            "other_ai_systems": other_systems,
            "evaluations": list(selectors.vendor_evaluations_of(vendor=vendor, user=request.user)),
            "history": newest_first(
                vendor_history(Vendor, vendor.history.all(), request.user), product_history
            ),
            **vendor_rights(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def vendor_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a vendor or change one."""
    require_vendor_editor(request)
    vendor = selectors.vendor_get(user=request.user, pk=pk) if pk else None
    form = VendorForm(request.POST or None, instance=vendor)

    def save() -> Vendor:
        data = {name: form.cleaned_data[name] for name in services.VENDOR_FIELDS}
        if vendor is None:
            return services.vendor_create(actor=request.user, data=data)
        return services.vendor_update(actor=request.user, vendor=vendor, data=data)

    return vendor_round_trip(
        request,
        form,
        save=save,
        saved=_("The vendor was saved."),
        success=lambda obj: reverse("governance:vendor-detail", args=[obj.pk]),
        template="governance/vendor_form.html",
        context={"vendor": vendor},
    )


@require_POST
def vendor_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a vendor (refused while one of its products is a candidate)."""
    require_vendor_editor(request)
    vendor = selectors.vendor_get(user=request.user, pk=pk)
    back = reverse("governance:vendor-detail", args=[pk])
    refused = vendor_post_action(
        request,
        lambda: services.vendor_delete(actor=request.user, vendor=vendor),
        done=_("The vendor was removed."),
        back=back,
    )
    return refused or redirect("governance:vendor-list")


@require_http_methods(["GET", "POST"])
def vendor_product_edit_view(
    request: HttpRequest, vendor_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    """Add a product to a vendor or change one."""
    require_vendor_editor(request)
    product = selectors.vendor_product_get(user=request.user, pk=pk) if pk else None
    vendor = (
        product.vendor
        if product is not None
        else selectors.vendor_get(user=request.user, pk=vendor_pk)  # type: ignore[arg-type]
    )
    form = VendorProductForm(request.POST or None, instance=product)

    def save() -> VendorProduct:
        data = {name: form.cleaned_data[name] for name in services.PRODUCT_FIELDS}
        if product is None:
            return services.vendor_product_create(actor=request.user, vendor=vendor, data=data)
        return services.vendor_product_update(actor=request.user, product=product, data=data)

    return vendor_round_trip(
        request,
        form,
        save=save,
        saved=_("The product was saved."),
        success=lambda obj: reverse("governance:vendor-detail", args=[obj.vendor_id]),
        template="governance/vendor_product_form.html",
        context={"vendor": vendor, "product": product},
    )


@require_POST
def vendor_product_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a product (refused while it is a candidate)."""
    require_vendor_editor(request)
    product = selectors.vendor_product_get(user=request.user, pk=pk)
    back = reverse("governance:vendor-detail", args=[product.vendor_id])
    vendor_post_action(
        request,
        lambda: services.vendor_product_delete(actor=request.user, product=product),
        done=_("The product was removed."),
        back=back,
    )
    return redirect(back)


def _export_response(
    request: HttpRequest, filterset: Any, build: Callable[..., HttpResponse]
) -> HttpResponse:
    export_format = request.GET.get("format", "csv")
    if export_format not in vendor_exports.EXPORT_FORMATS or not filterset.is_valid():
        return HttpResponse(_("Unknown export format or filter."), status=400)
    return build(
        filterset.qs, user=request.user, export_format=export_format, today=datetime.date.today()
    )


def vendor_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered vendors as CSV or XLSX."""
    require_vendor_reader(request)
    filterset = VendorFilterSet(
        request.GET, queryset=selectors.vendor_list(user=request.user), request=request
    )
    return _export_response(request, filterset, vendor_exports.vendor_export_response)


# --- Evaluations -------------------------------------------------------------------------------


def evaluation_list_view(request: HttpRequest) -> HttpResponse:
    """The evaluations in the person's scope with their status and choice, with exports."""
    require_vendor_reader(request)
    filterset = VendorEvaluationFilterSet(
        request.GET, queryset=selectors.vendor_evaluation_list(user=request.user), request=request
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/evaluation_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "export_formats": vendor_exports.EXPORT_FORMATS,
            "query": request.GET.urlencode(),
            "export_url": "governance:evaluation-export",
            **vendor_rights(request.user),
        },
    )


def evaluation_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered evaluations, one row per candidate, as CSV or XLSX."""
    require_vendor_reader(request)
    filterset = VendorEvaluationFilterSet(
        request.GET, queryset=selectors.vendor_evaluation_list(user=request.user), request=request
    )
    return _export_response(request, filterset, vendor_exports.evaluation_export_response)


def part_history(model: type[Any], records: Any, label: Callable[[Any], str]) -> list[HistoryEntry]:
    """Created, changed and removed rows of a part (scores, cost lines), named by `label`."""
    return [
        HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=str(record.get_history_type_display()).lower(),
            subject=label(record),
        )
        for record in records.select_related("history_user").order_by("-history_date")[:50]
    ]


def evaluation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One evaluation: the side-by-side comparison, the facts, the decision and the history."""
    require_vendor_reader(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk)
    comparison = selectors.evaluation_comparison(evaluation=evaluation, user=request.user)
    kinds = {c.pk: c.get_kind_display() for c in comparison.criteria}
    weight_history = part_history(
        EvaluationCriterion,
        EvaluationCriterion.history.filter(evaluation_id=evaluation.pk, history_type="~"),
        lambda r: (
            _("Weight of %(criterion)s: %(weight)s")
            % {"criterion": kinds.get(r.id, r.kind), "weight": r.weight}
        ),
    )
    visible_initiative = (
        evaluation.initiative
        if evaluation.initiative_id
        and initiative_list(user=request.user).filter(pk=evaluation.initiative_id).exists()
        else None
    )
    return render(
        request,
        "governance/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "comparison": comparison,
            "initiative": visible_initiative,
            "is_open": evaluation.status == "open",
            "history": newest_first(
                vendor_history(VendorEvaluation, evaluation.history.all(), request.user),
                weight_history,
            ),
            **vendor_rights(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def evaluation_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Start an evaluation (with every criterion, weight 1) or change its title, need, use case."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk) if pk else None
    initial = {}
    # isascii: "²".isdigit() is true, but int() refuses it.
    initiative_id = request.GET.get("initiative", "")
    if evaluation is None and initiative_id.isascii() and initiative_id.isdigit():
        initial["initiative"] = int(request.GET["initiative"])
    form = VendorEvaluationForm(
        request.POST or None, instance=evaluation, user=request.user, initial=initial
    )

    def save() -> VendorEvaluation:
        data = {name: form.cleaned_data[name] for name in services.EVALUATION_FIELDS}
        if evaluation is None:
            return services.vendor_evaluation_create(actor=request.user, data=data)
        return services.vendor_evaluation_update(
            actor=request.user, evaluation=evaluation, data=data
        )

    return vendor_round_trip(
        request,
        form,
        save=save,
        saved=_("The evaluation was saved."),
        success=lambda obj: reverse("governance:evaluation-detail", args=[obj.pk]),
        template="governance/evaluation_form.html",
        context={"evaluation": evaluation},
    )


@require_POST
def evaluation_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an evaluation with its candidates, scores and costs."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk)
    services.vendor_evaluation_delete(actor=request.user, evaluation=evaluation)
    messages.success(request, _("The evaluation was removed."))
    return redirect("governance:evaluation-list")


@require_http_methods(["GET", "POST"])
def evaluation_weights_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Weigh the criteria (0 to 100; 0 leaves a criterion out)."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk)
    criteria = list(evaluation.criteria.order_by("id"))
    form = EvaluationWeightsForm(request.POST or None, criteria=criteria)
    return vendor_round_trip(
        request,
        form,
        save=lambda: services.evaluation_weights_set(
            actor=request.user, evaluation=evaluation, weights=form.weights()
        ),
        saved=_("The weights were saved."),
        success=lambda obj: reverse("governance:evaluation-detail", args=[obj.pk]),
        template="governance/evaluation_weights_form.html",
        context={"evaluation": evaluation},
    )


@require_http_methods(["GET", "POST"])
def evaluation_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision: the chosen candidate and the rationale."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk)
    form = DecisionForm(request.POST or None, evaluation=evaluation)
    return vendor_round_trip(
        request,
        form,
        save=lambda: services.vendor_evaluation_decide(
            actor=request.user,
            evaluation=evaluation,
            chosen=form.cleaned_data["chosen"],
            rationale=form.cleaned_data["rationale"],
        ),
        saved=_("The decision was recorded."),
        success=lambda obj: reverse("governance:evaluation-detail", args=[obj.pk]),
        template="governance/evaluation_decide_form.html",
        context={
            "evaluation": evaluation,
            "comparison": selectors.evaluation_comparison(evaluation=evaluation, user=request.user),
            **vendor_rights(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def evaluation_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop an evaluation without a choice."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk)
    form = CancelForm(request.POST or None)
    return vendor_round_trip(
        request,
        form,
        save=lambda: services.vendor_evaluation_cancel(
            actor=request.user, evaluation=evaluation, rationale=form.cleaned_data["rationale"]
        ),
        saved=_("The evaluation was cancelled."),
        success=lambda obj: reverse("governance:evaluation-detail", args=[obj.pk]),
        template="governance/evaluation_cancel_form.html",
        context={"evaluation": evaluation},
    )


@require_POST
def evaluation_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a decided or cancelled evaluation again."""
    require_vendor_editor(request)
    evaluation = selectors.vendor_evaluation_get(user=request.user, pk=pk)
    back = reverse("governance:evaluation-detail", args=[pk])
    vendor_post_action(
        request,
        lambda: services.vendor_evaluation_reopen(actor=request.user, evaluation=evaluation),
        done=_("The evaluation is open again."),
        back=back,
    )
    return redirect(back)
