"""Pages of the estate: the overview with the infrastructure check, IT systems and data sources."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import require
from core.pages import add_errors, form_page
from core.roles import Cap, has_capability
from governance import estate_exports, rules, services
from governance import estate_selectors as selectors
from governance.filters import EstateDataSourceFilterSet, ITSystemFilterSet
from governance.forms import EstateDataSourceForm, InfrastructureCheckForm, ITSystemForm
from governance.history import history_entries
from governance.models import AISystem, EstateDataSource, ITSystem
from governance.selectors import ai_system_list
from governance.views.common import PAGE_SIZE
from initiatives.models import Initiative
from initiatives.selectors import initiative_list


def require_estate_reader(request: HttpRequest) -> None:
    """403 unless the person's role reads the register (the estate is read by the same roles)."""
    require(has_capability(request.user, Cap.VIEW_REGISTER))


def require_estate_editor(request: HttpRequest) -> None:
    """403 unless the person rates the estate."""
    require(rules.can_edit_estate(request.user), str(rules.ESTATE_EDITORS_ONLY))


def estate_view(request: HttpRequest) -> HttpResponse:
    """The estate at a glance: the latest infrastructure check, its history, the headline counts."""
    require_estate_reader(request)
    checks = list(selectors.infrastructure_check_list(user=request.user)[:20])
    return render(
        request,
        "governance/estate.html",
        {
            "summary": selectors.estate_summary(user=request.user),
            "latest_check": checks[0] if checks else None,
            "checks": checks,
            "can_edit": rules.can_edit_estate(request.user),
        },
    )


def _list_page(
    request: HttpRequest, *, filterset: Any, template: str, export_url: str
) -> HttpResponse:
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "page_obj": page,
            "can_edit": rules.can_edit_estate(request.user),
            "export_formats": estate_exports.EXPORT_FORMATS,
            "query": request.GET.urlencode(),
            "export_url": export_url,
        },
    )


def it_system_list_view(request: HttpRequest) -> HttpResponse:
    """The IT systems with their readiness, filterable, with exports of the same filter."""
    require_estate_reader(request)
    filterset = ITSystemFilterSet(
        request.GET, queryset=selectors.it_system_list(user=request.user), request=request
    )
    return _list_page(
        request,
        filterset=filterset,
        template="governance/it_system_list.html",
        export_url="governance:it-system-export",
    )


def data_source_list_view(request: HttpRequest) -> HttpResponse:
    """The data sources with their quality and GDPR flags, filterable, with exports."""
    require_estate_reader(request)
    filterset = EstateDataSourceFilterSet(
        request.GET, queryset=selectors.estate_data_source_list(user=request.user), request=request
    )
    return _list_page(
        request,
        filterset=filterset,
        template="governance/data_source_list.html",
        export_url="governance:data-source-export",
    )


def _history(model: type[Any], entry: Any, user: Any) -> list[Any]:
    # Linked initiatives and AI systems outside the reader's scope are counted, never named.
    scopes = {Initiative: initiative_list(user=user), AISystem: ai_system_list(user=user)}
    return history_entries(model, entry.history.all(), scopes=scopes)


def it_system_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One IT system: rating and reasons, what lives in it and uses it, its history."""
    require_estate_reader(request)
    system = selectors.it_system_get(user=request.user, pk=pk)
    return render(
        request,
        "governance/it_system_detail.html",
        {
            "it_system": system,
            "data_sources": system.data_sources.order_by("name"),
            "history": _history(ITSystem, system, request.user),
            "can_edit": rules.can_edit_estate(request.user),
            **selectors.visible_links(entry=system, user=request.user),
        },
    )


def data_source_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One data source: its ratings, GDPR flags, integration tasks, links and history."""
    require_estate_reader(request)
    source = selectors.estate_data_source_get(user=request.user, pk=pk)
    return render(
        request,
        "governance/data_source_detail.html",
        {
            "source": source,
            "history": _history(EstateDataSource, source, request.user),
            "can_edit": rules.can_edit_estate(request.user),
            **selectors.visible_links(entry=source, user=request.user),
        },
    )


def _edit_page(
    request: HttpRequest,
    *,
    form: Any,
    save: Any,
    saved: str,
    detail: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The edit round trip (core.pages.form_page), handing the links to the service."""
    return form_page(
        request,
        form,
        save=lambda cleaned: save(
            actor=request.user,
            data=form.service_data(),
            initiatives=cleaned["initiatives"],
            ai_systems=cleaned["ai_systems"],
        ),
        saved=saved,
        detail=detail,
        template=template,
        context=context,
    )


@require_http_methods(["GET", "POST"])
def it_system_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an IT system or change one."""
    require_estate_editor(request)
    system = selectors.it_system_get(user=request.user, pk=pk) if pk else None
    form = ITSystemForm(request.POST or None, instance=system)

    def save(**kwargs: Any) -> ITSystem:
        if system is None:
            return services.it_system_create(**kwargs)
        return services.it_system_update(it_system=system, **kwargs)

    return _edit_page(
        request,
        form=form,
        save=save,
        saved=_("The IT system was saved."),
        detail="governance:it-system-detail",
        template="governance/it_system_form.html",
        context={"it_system": system},
    )


@require_http_methods(["GET", "POST"])
def data_source_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a data source or change one."""
    require_estate_editor(request)
    source = selectors.estate_data_source_get(user=request.user, pk=pk) if pk else None
    form = EstateDataSourceForm(request.POST or None, instance=source)

    def save(**kwargs: Any) -> EstateDataSource:
        if source is None:
            return services.estate_data_source_create(**kwargs)
        return services.estate_data_source_update(data_source=source, **kwargs)

    return _edit_page(
        request,
        form=form,
        save=save,
        saved=_("The data source was saved."),
        detail="governance:data-source-detail",
        template="governance/data_source_form.html",
        context={"source": source},
    )


@require_http_methods(["GET", "POST"])
def infrastructure_check_view(request: HttpRequest) -> HttpResponse:
    """Answer the four questions of the infrastructure check; each check is kept, dated."""
    require_estate_editor(request)
    form = InfrastructureCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.infrastructure_check_record(
                actor=request.user, answers=form.answers(), notes=form.cleaned_data["notes"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if check.ready:
                messages.success(
                    request,
                    _("%(n)s of 4 answered yes: the infrastructure is ready in principle.")
                    % {"n": check.yes_count},
                )
            else:
                messages.warning(
                    request,
                    _("%(n)s of 4 answered yes: the infrastructure is not ready yet.")
                    % {"n": check.yes_count},
                )
            return redirect("governance:estate")
    return render(
        request,
        "governance/infrastructure_check_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _export(request: HttpRequest, *, filterset: Any, kind: str) -> HttpResponse:
    export_format = request.GET.get("format", "csv")
    if export_format not in estate_exports.EXPORT_FORMATS or not filterset.is_valid():
        return HttpResponse(_("Unknown export format or filter."), status=400)
    return estate_exports.export_response(
        selectors.with_links(filterset.qs, user=request.user),
        kind=kind,
        export_format=export_format,
        today=datetime.date.today(),
    )


def it_system_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered IT systems as CSV or XLSX."""
    require_estate_reader(request)
    filterset = ITSystemFilterSet(
        request.GET, queryset=selectors.it_system_list(user=request.user), request=request
    )
    return _export(request, filterset=filterset, kind="it_systems")


def data_source_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered data sources as CSV or XLSX."""
    require_estate_reader(request)
    filterset = EstateDataSourceFilterSet(
        request.GET, queryset=selectors.estate_data_source_list(user=request.user), request=request
    )
    return _export(request, filterset=filterset, kind="data_sources")
