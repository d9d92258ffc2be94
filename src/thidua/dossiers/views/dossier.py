"""The dossier list, creating and editing a dossier, its page, checking it again, and a
nominee's proposals (a panel of the person page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.catalog import display
from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.net import absolute_url
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, int_param, paginate
from thidua.dossiers import checks, desks, selectors, services
from thidua.dossiers.forms import DocumentForm, DossierEditForm, DossierForm
from thidua.dossiers.models import DossierState, ItemState
from thidua.dossiers.views.common import _back, _dossier
from thidua.dossiers.workflow import workflow
from thidua.movements.selectors import movements_for
from thidua.org import labels
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.people.models import Person

S, IS = DossierState, ItemState


@login_required
def dossier_list(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in selectors.TABS else "tat-ca"
    q, state, year = request.GET.get("q", ""), request.GET.get("trang-thai", ""), int_param(request.GET.get("nam"))
    today = timezone.localdate()
    qs = selectors.dossier_list(request.user, tab=tab, q=q, state=state if state in S.values else "", year=year,
                                today=today)
    page = paginate(request, qs)
    for dossier in page:
        dossier.late_days = selectors.lateness(dossier, today)
    return render(request, "dossiers/list.html", {
        "page_obj": page, "tabs": selectors.TABS, "tab": tab, "q": q, "state": state, "year": year,
        "states": S.choices, "today": today,
        "can_create": access.has_any(request.user, Perm.DOSSIER_CHANGE),
        "can_forward": any(services.may(request.user, d, "forward") for d in selectors.forwardable(request.user))})


def _units_for_create(user):
    return org_selectors.units_for(user, Perm.DOSSIER_CHANGE).filter(active_until__isnull=True).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    units = _units_for_create(request.user)
    if not units.exists():
        raise PermissionDenied(access.REFUSED)
    code, year = request.GET.get("ma", ""), int_param(request.GET.get("nam"))
    wanted = units.filter(pk=int_param(request.GET.get("don-vi"))).first() or units.order_by("depth", "path").first()
    known = checks.kinds()
    initial = {"unit": wanted, "year": year or timezone.localdate().year - 1,
               "authority_level": services.default_level(wanted)}
    if code in known:
        info = known[code]
        initial.update(authority_level=services.default_authority_level(wanted, info.authority_levels),
                       title=_("Đề nghị tặng «%(name)s» năm %(year)s") % {"name": info.name, "year": initial["year"]})
    form = DossierForm(request.POST or None, initial=initial, units=units,
                       movements=movements_for(request.user).order_by("-year", "name"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        def next_page(dossier) -> str:
            if request.GET.get("nguon") == "khoi":
                return reverse("dossiers:add_bloc", args=[dossier.pk])
            if code in known:
                return reverse("dossiers:add_eligible", args=[dossier.pk]) + "?" + urlencode({"ma": code})
            return reverse("dossiers:detail", args=[dossier.pk])

        url = attempt_once(request, services.dossier_create, form=form, unit=d["unit"],
                           authority_level=d["authority_level"], year=d["year"], title=d["title"],
                           commendation_type=d["commendation_type"], summary=d["summary"], movement=d["movement"],
                           number=d["number"], lands_on=next_page,
                           success=lambda dossier: _("Đã lập hồ sơ «%s».") % dossier.title).url
        if url:
            return redirect(url)
    return render(request, "dossiers/form.html", {"form": form, "title": _("Lập hồ sơ đề nghị khen thưởng"),
                                                  "once": True})


@login_required
@require_http_methods(["GET", "POST"])
def dossier_edit(request, pk: int):
    dossier = _dossier(request, pk, "edit")
    units = Unit.objects.filter(pk=dossier.unit_id)
    initial = {f: getattr(dossier, f) for f in ("unit", "authority_level", "commendation_type", "year", "title",
                                                "number", "movement", "summary")}
    form = DossierEditForm(request.POST or None, initial=initial, units=units, version=dossier.version,
                           movements=movements_for(request.user).order_by("-year", "name"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.dossier_update, success=_("Đã lưu hồ sơ."), form=form, dossier=dossier, **{
                k: d[k] for k in ("authority_level", "commendation_type", "year", "title", "number", "movement",
                                  "summary", "version")}):
            return redirect("dossiers:detail", dossier.pk)
    return render(request, "dossiers/form.html", {"form": form, "dossier": dossier, "title": _("Sửa hồ sơ")})


ACTIONS = ("edit", "submit", "receive", "accept", "return", "resubmit", "open_consultation", "close_consultation",
           "to_council", "recall", "cancel", "check", "justify", "moderate", "assign")


ITEM_FILTERS = {"canh-bao": _("Có cảnh báo"), "tra-lai": _("Bị trả lại"), "da-sua": _("Đã sửa, cần thẩm định lại"),
                "cho-tham-dinh": _("Chờ thẩm định"), "da-nhat-tri": _("Đủ điều kiện trình")}


def _filter_rows(rows, key: str):
    if key == "canh-bao":
        return [r for r in rows if r.warnings or r.over_quota]
    if key == "tra-lai":
        return [r for r in rows if r.item.state == IS.RETURNED]
    if key == "da-sua":
        return [r for r in rows if r.item.resubmitted_at and r.item.state == IS.PENDING]
    if key == "cho-tham-dinh":
        return [r for r in rows if r.item.state == IS.PENDING]
    if key == "da-nhat-tri":
        return [r for r in rows if r.item.state == IS.ACCEPTED]
    return rows


@login_required
def dossier_detail(request, pk: int):
    dossier = _dossier(request, pk)
    today = timezone.localdate()
    report = selectors.dossier_checks(dossier)
    key = request.GET.get("loc", "")
    rows = _filter_rows(report.rows, key)
    page = Paginator(rows, 100).get_page(request.GET.get("trang"))
    name = display.dossier_namer(dossier)
    unit_names = labels.unit_texts({row.item.held_unit for row in page})
    for row in page:
        row.kind_name = name(row.item.kind)
        row.approved_name = name(row.item.approved_kind) if row.item.approved_kind else ""
        row.unit_text = unit_names[row.item.held_unit_id]
    may = {a: services.may(request.user, dossier, a) for a in ACTIONS}
    reasons = workflow().return_reasons
    desk, stands_in = desks.receiving_desk(dossier)
    return render(request, "dossiers/detail.html", {
        "dossier": dossier, "report": report, "page_obj": page, "loc": key, "filters": ITEM_FILTERS,
        "may": may, "today": today, "late_days": selectors.lateness(dossier, today),
        "timeline": selectors.timeline(dossier), "reason_labels": {c: r.label for c, r in reasons.items()},
        "field_labels": workflow().return_fields,
        "document_form": DocumentForm(kinds=[(k.code, k.name) for k in workflow().documents.values()
                                             if not k.per_item]),
        "reviewers": selectors.reviewers(dossier) if may["receive"] or may["assign"] else [],
        "upper_items": dossier.forwarded_to_id and access.covers(request.user, Perm.DOSSIER_VIEW,
                                                                 dossier.forwarded_to.unit.path),
        "public_url": absolute_url(request, reverse("dossiers:public_detail", args=[dossier.pk])),
        "consultation_days": selectors.consultation_days(),
        # The next step of a voted dossier is the authority's decision (a central one is forwarded).
        "may_draft_decision": dossier.state == S.VOTED and not dossier.is_central and desks.acts(
            request.user, Perm.DECISION_CHANGE, dossier),
        "desk": desk, "desk_stands_in": stands_in,
    })


@login_required
@require_POST
def dossier_check(request, pk: int):
    dossier = _dossier(request, pk, "check")
    services.dossier_check(actor=request.user, dossier=dossier)
    messages.success(request, _("Đã kiểm tra lại điều kiện của các trường hợp."))
    return _back(dossier)


@login_required
@require_POST
def ask_head(request, pk: int):
    """The officer asks the unit's head to sign the tờ trình and submit (the head is told)."""
    dossier = _dossier(request, pk, "edit")
    attempt(request, services.dossier_ask_head, dossier=dossier, note=request.POST.get("ghi-chu", ""),
            success=_("Đã báo thủ trưởng đơn vị ký tờ trình và trình hồ sơ."))
    return _back(dossier)


@login_required
def person_status(request, person_pk: int):
    """A nominee's proposals and where they stand (for the person page, through htmx)."""
    person = access.get(request.user, Person, person_pk)
    visible = set(selectors.dossiers_for(request.user).filter(items__person=person).values_list("pk", flat=True))
    items = [i for i in selectors.subject_items(person=person) if i.dossier_id in visible]
    return render(request, "dossiers/_subject_status.html", {"items": items})
