"""Dossier pages: thin views over `selectors` (reads, through the scope: 404 outside it) and
`services` (writes). A view asks `services.may` before offering or doing an action, so a
user who sees a dossier but may not act on it gets 403."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.catalog.selectors import kind_names
from thidua.core import access, once
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.net import absolute_url, client_ip
from thidua.core.roles import Perm
from thidua.core.views_util import form_error, int_param, paginate
from thidua.core.xlsx import xlsx_response
from thidua.dossiers import checks, reports, selectors, services, word_documents
from thidua.dossiers.forms import (
    DocumentForm,
    DossierEditForm,
    DossierForm,
    ForwardForm,
    ItemForm,
    ManualAddForm,
    OpinionForm,
)
from thidua.dossiers.models import (
    ConsultationOpinion,
    DossierDocument,
    DossierState,
    ItemSource,
    ItemState,
)
from thidua.dossiers.services import ItemInput, ReturnNote
from thidua.dossiers.workflow import workflow
from thidua.eligibility import selectors as eligibility_selectors
from thidua.movements.selectors import movements_for
from thidua.org import labels
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.people import selectors as people_selectors
from thidua.people.models import Person
from thidua.pledges.selectors import proposals_final
from thidua.printing import word

S, IS = DossierState, ItemState


def _require(request, dossier, action: str) -> None:
    if not services.may(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _require_role(request, dossier, action: str) -> None:
    """403 unless the user's role may take ACTION; in the wrong state the service says why."""
    if not services.holds_role(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _error(request, exc: ApplicationError) -> None:
    """Show a business refusal (every problem when a submission is blocked); a permission
    refusal is not a message: it is a 403."""
    if isinstance(exc, PermissionDenied):
        raise exc
    problems = exc.extra.get("problems") or [exc.message]
    for problem in problems:
        messages.error(request, problem)


def _back(dossier, anchor: str = ""):
    return redirect(reverse("dossiers:detail", args=[dossier.pk]) + anchor)


# --- list, create, edit -----------------------------------------------------------------------


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

        try:
            done = once.submit(request, lambda: services.dossier_create(
                actor=request.user, unit=d["unit"], authority_level=d["authority_level"], year=d["year"],
                title=d["title"], commendation_type=d["commendation_type"], summary=d["summary"],
                movement=d["movement"], number=d["number"]),
                lands_on=next_page, success=lambda dossier: _("Đã lập hồ sơ «%s».") % dossier.title)
        except ApplicationError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form_error(form, exc)
        else:
            return redirect(done.url)
    return render(request, "dossiers/form.html", {"form": form, "title": _("Lập hồ sơ đề nghị khen thưởng"),
                                                  "once": True})


@login_required
@require_http_methods(["GET", "POST"])
def dossier_edit(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "edit")
    units = Unit.objects.filter(pk=dossier.unit_id)
    initial = {f: getattr(dossier, f) for f in ("unit", "authority_level", "commendation_type", "year", "title",
                                                "number", "movement", "summary")}
    form = DossierEditForm(request.POST or None, initial=initial, units=units, version=dossier.version,
                           movements=movements_for(request.user).order_by("-year", "name"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.dossier_update(actor=request.user, dossier=dossier, **{
                k: d[k] for k in ("authority_level", "commendation_type", "year", "title", "number", "movement",
                                  "summary", "version")})
        except ApplicationError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ."))
            return redirect("dossiers:detail", dossier.pk)
    return render(request, "dossiers/form.html", {"form": form, "dossier": dossier, "title": _("Sửa hồ sơ")})


# --- detail ---------------------------------------------------------------------------------------

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
    dossier = selectors.dossier_get_for(request.user, pk)
    today = timezone.localdate()
    report = selectors.dossier_checks(dossier)
    key = request.GET.get("loc", "")
    rows = _filter_rows(report.rows, key)
    page = Paginator(rows, 100).get_page(request.GET.get("trang"))
    names = kind_names()
    unit_names = labels.unit_texts({row.item.held_unit for row in page})
    for row in page:
        row.kind_name = names.get(row.item.kind, row.item.kind)
        row.approved_name = names.get(row.item.approved_kind, "") if row.item.approved_kind else ""
        row.unit_text = unit_names[row.item.held_unit_id]
    may = {a: services.may(request.user, dossier, a) for a in ACTIONS}
    reasons = workflow().return_reasons
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
        "may_draft_decision": dossier.state == S.VOTED and not dossier.is_central and access.covers(
            request.user, Perm.DECISION_CHANGE, dossier.authority_path),
    })


# --- items ------------------------------------------------------------------------------------------


def _kind_choices(dossier, subject_kind: str | None = None):
    return selectors.kinds_for_level(dossier.authority_level, subject_kind)


def _add_once(request, dossier, entries):
    """Add ENTRIES to DOSSIER once per form (a second press of the same form adds nothing)
    and go back to the dossier."""
    done = once.submit(request, lambda: services.dossier_add_items(actor=request.user, dossier=dossier,
                                                                   entries=entries),
                       lands_on=lambda _added: reverse("dossiers:detail", args=[dossier.pk]),
                       success=lambda added: _("Đã thêm %d trường hợp vào hồ sơ.") % len(added))
    return redirect(done.url)


@login_required
@require_http_methods(["GET", "POST"])
def add_from_eligibility(request, pk: int):
    """The unit's eligibility list for a kind, with checkboxes: the qualified people or units
    of the dossier's unit; those already proposed anywhere are shown, not selectable."""
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "edit")
    judged = set(eligibility_selectors.rule_names(dossier.year))
    codes = [(c, n) for c, n in _kind_choices(dossier) if c in judged]
    code = request.GET.get("ma") or request.POST.get("ma") or (codes[0][0] if codes else "")
    if code not in dict(codes):
        code = codes[0][0] if codes else ""
    if request.method == "POST":
        wanted = set(request.POST.getlist("chon"))
        people = Person.objects.filter(pk__in=[int_param(v[2:]) for v in wanted if v.startswith("p:")]).select_related(
            "current_unit")
        units = Unit.objects.filter(pk__in=[int_param(v[2:]) for v in wanted if v.startswith("u:")])
        entries = [ItemInput(subject=s, kind=code, source=ItemSource.ELIGIBILITY) for s in [*people, *units]]
        try:
            return _add_once(request, dossier, entries)
        except ApplicationError as exc:
            _error(request, exc)
    rows, excesses = eligibility_selectors.qualified_list(request.user, dossier.unit, dossier.year, code) \
        if code else ([], [])
    taken = selectors.proposed_elsewhere(rows, code, dossier.year)
    # "Khoa Nội, Bệnh viện Đa khoa tỉnh": every hospital has a Khoa Nội.
    unit_names = labels.unit_texts({r.unit for r in rows if r.unit is not None})
    for row in rows:
        row.value = f"{'p' if row.is_person else 'u'}:{row.subject.pk}"
        row.taken = taken.get(row.value)
        row.unit_text = unit_names.get(row.unit.pk, "") if row.unit is not None else ""
    return render(request, "dossiers/add_eligible.html", {
        "dossier": dossier, "codes": codes, "code": code, "rows": rows, "excesses": excesses,
        "name": dict(codes).get(code, code)})


@login_required
@require_http_methods(["GET", "POST"])
def add_from_blocs(request, pk: int):
    """The blocs' final ranking proposals (provincial flag, Bằng khen) of the units under the
    dossier's unit, for the dossier's year."""
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "edit")

    proposals = access.scope(request.user, Perm.ORG_VIEW, proposals_final(year=dossier.year)).filter(
        unit__path__startswith=dossier.unit.path)
    if request.method == "POST":
        chosen = proposals.filter(pk__in=[int_param(v) for v in request.POST.getlist("chon")])
        entries = [ItemInput(subject=p.unit, kind=p.code, source=ItemSource.BLOC, bloc_proposal=p) for p in chosen]
        try:
            return _add_once(request, dossier, entries)
        except ApplicationError as exc:
            _error(request, exc)
    names = kind_names()
    rows = list(proposals)
    for p in rows:
        p.kind_name = names.get(p.code, p.code)
    return render(request, "dossiers/add_blocs.html", {"dossier": dossier, "proposals": rows})


@login_required
@require_http_methods(["GET", "POST"])
def add_manual(request, pk: int):
    """Search a person or a unit under the dossier's unit and propose them for a kind."""
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "edit")
    q = request.GET.get("q", "").strip()
    form = ManualAddForm(request.POST or None, kinds=_kind_choices(dossier))
    if request.method == "POST" and form.is_valid():
        subject = None
        value = request.POST.get("doi-tuong", "")
        if value.startswith("p:"):
            subject = people_selectors.people_for(request.user).select_related("current_unit").filter(
                pk=int_param(value[2:])).first()
        elif value.startswith("u:"):
            subject = org_selectors.units_for(request.user).filter(pk=int_param(value[2:])).first()
        if subject is None:
            messages.error(request, _("Hãy chọn một cá nhân hoặc tập thể."))
        else:
            d = form.cleaned_data
            try:
                return _add_once(request, dossier, [ItemInput(
                    subject=subject, kind=d["kind"], household=d["household"], period_from=d["period_from"],
                    achievement=d["achievement"], source=ItemSource.MANUAL)])
            except ApplicationError as exc:
                _error(request, exc)
    people = [p for p in people_selectors.person_search(request.user, q) if
              p.current_unit.path.startswith(dossier.unit.path)] if q else []
    units = [u for u in org_selectors.unit_search(request.user, q) if u.path.startswith(dossier.unit.path)] \
        if q else []
    return render(request, "dossiers/add_manual.html", {"dossier": dossier, "form": form, "q": q, "people": people,
                                                        "units": units})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int, item_pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, dossier, item_pk)
    editable = services.may(request.user, dossier, "edit") and (
        dossier.state == S.DRAFT or item.state == IS.RETURNED)
    if request.method == "POST" and not editable:
        raise PermissionDenied(access.REFUSED)
    kinds = _kind_choices(dossier, item.subject_kind)
    form = ItemForm(request.POST or None, kinds=kinds, version=item.version, initial={
        f: getattr(item, f) for f in ("kind", "period_from", "period_to", "achievement", "report_text")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.dossier_item_update(actor=request.user, item=item, **d)
        except ApplicationError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu «%s».") % item.subject_name)
            return redirect("dossiers:item", dossier.pk, item.pk)
    documents = list(item.documents.select_related("uploaded_by"))
    per_item = [(k.code, k.name) for k in workflow().documents.values() if k.per_item]
    names = kind_names()
    return render(request, "dossiers/item.html", {
        "dossier": dossier, "item": item, "form": form, "editable": editable, "documents": documents,
        "document_form": DocumentForm(kinds=per_item), "kind_name": names.get(item.kind, item.kind),
        "reason_labels": {c: r.label for c, r in workflow().return_reasons.items()},
        "field_labels": workflow().return_fields, "may_justify": services.may(request.user, dossier, "justify"),
        "status": selectors.item_status(item),
        "kind_labels": {k.code: k.name for k in workflow().documents.values()}})


@login_required
def item_report_template(request, pk: int, item_pk: int):
    """The achievement report template, pre-filled, as plain text (put into the form by htmx)."""
    dossier = selectors.dossier_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, dossier, item_pk)
    return HttpResponse(reports.report_template(item), content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def item_justify(request, pk: int, item_pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, dossier, item_pk)
    _require(request, dossier, "justify")
    text = request.POST.get("giai-trinh", "")
    try:
        services.dossier_item_justify(actor=request.user, item=item, text=text,
                                      version=int_param(request.POST.get("version")))
    except ApplicationError as exc:
        _error(request, exc)
        if exc.extra.get("stale") and text.strip():
            # The page is reloaded: what was typed is given back rather than lost.
            messages.info(request, _("Giải trình bạn vừa nhập (chưa được lưu): «%s»") % text.strip())
    else:
        messages.success(request, _("Đã ghi giải trình cho «%s».") % item.subject_name)
    return redirect(request.POST.get("next") or reverse("dossiers:detail", args=[dossier.pk]) + f"#muc-{item.pk}")


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    item = selectors.item_get_for(request.user, dossier, item_pk)
    _require(request, dossier, "edit")
    try:
        services.dossier_item_remove(actor=request.user, item=item, reason=request.POST.get("ly-do", ""))
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã bỏ «%s» khỏi hồ sơ.") % item.subject_name)
    return _back(dossier)


# --- documents ------------------------------------------------------------------------------


@login_required
@require_POST
def document_add(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "edit")
    item = selectors.item_get_for(request.user, dossier, int_param(request.POST.get("item"))) \
        if request.POST.get("item") else None
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp để tải lên."))
    else:
        try:
            once.submit(request, lambda: services.dossier_document_add(
                actor=request.user, dossier=dossier, kind=request.POST.get("kind", ""), file=upload, item=item,
                note=request.POST.get("note", "")), lands_on=lambda _doc: "",
                success=lambda _doc: _("Đã tải lên «%s».") % upload.name)
        except ApplicationError as exc:
            _error(request, exc)
    if item is not None:
        return redirect("dossiers:item", dossier.pk, item.pk)
    return _back(dossier, "#tai-lieu")


@login_required
def document_file(request, pk: int, doc_pk: int):
    """A document's file, served only to whoever sees the dossier."""
    dossier = selectors.dossier_get_for(request.user, pk)
    doc = get_object_or_404(DossierDocument, pk=doc_pk, dossier=dossier)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.name)


@login_required
@require_POST
def document_remove(request, pk: int, doc_pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    doc = get_object_or_404(DossierDocument, pk=doc_pk, dossier=dossier)
    _require(request, dossier, "edit")
    try:
        services.dossier_document_remove(actor=request.user, document=doc)
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã gỡ «%s».") % doc.name)
    if doc.item_id:
        return redirect("dossiers:item", dossier.pk, doc.item_id)
    return _back(dossier, "#tai-lieu")


@login_required
@require_POST
def dossier_check(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "check")
    services.dossier_check(actor=request.user, dossier=dossier)
    messages.success(request, _("Đã kiểm tra lại điều kiện của các trường hợp."))
    return _back(dossier)


# --- transitions ------------------------------------------------------------------------------

# URL word → (action, service, success message).
TRANSITIONS = {
    "trinh": ("submit", services.dossier_submit, _("Đã trình hồ sơ.")),
    "tiep-nhan": ("receive", services.dossier_receive, _("Đã tiếp nhận hồ sơ.")),
    "trinh-lai": ("resubmit", services.dossier_resubmit, _("Đã trình lại hồ sơ.")),
    "lay-y-kien": ("open_consultation", services.dossier_open_consultation, _("Đã công khai lấy ý kiến.")),
    "ket-thuc-lay-y-kien": ("close_consultation", services.dossier_close_consultation,
                            _("Đã kết thúc lấy ý kiến công khai.")),
    "trinh-hoi-dong": ("to_council", services.dossier_to_council, _("Đã trình Hội đồng Thi đua – Khen thưởng.")),
    "rut-khoi-hoi-dong": ("recall", services.dossier_recall, _("Đã rút hồ sơ về thẩm định lại.")),
    "huy": ("cancel", services.dossier_cancel, _("Đã hủy hồ sơ.")),
}


@login_required
@require_POST
def transition(request, pk: int, step: str):
    if step not in TRANSITIONS:
        raise Http404
    action, service, done = TRANSITIONS[step]
    dossier = selectors.dossier_get_for(request.user, pk)
    _require_role(request, dossier, action)
    comment = request.POST.get("y-kien", "")
    kwargs = {"actor": request.user, "dossier": dossier}
    if action in ("recall", "cancel"):
        kwargs["reason"] = comment
    else:
        kwargs["comment"] = comment
    if action in ("submit", "resubmit"):
        kwargs["quota_justification"] = request.POST.get("giai-trinh-ty-le", "")
    if action == "receive" and int_param(request.POST.get("nguoi-tham-dinh")):
        kwargs["assignee"] = get_object_or_404(get_user_model(), pk=int_param(request.POST.get("nguoi-tham-dinh")))
    if action == "open_consultation" and int_param(request.POST.get("so-ngay")):
        kwargs["days"] = int_param(request.POST.get("so-ngay"))
    try:
        service(**kwargs)
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, done)
    return _back(dossier)


@login_required
@require_POST
def assign(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    _require(request, dossier, "assign")
    assignee = get_object_or_404(get_user_model(), pk=int_param(request.POST.get("nguoi-tham-dinh")))
    try:
        services.dossier_assign(actor=request.user, dossier=dossier, assignee=assignee)
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã phân công thẩm định."))
    return _back(dossier)


@login_required
@require_POST
def review(request, pk: int):
    """Accept the checked items, or exclude one item with its reason."""
    dossier = selectors.dossier_get_for(request.user, pk)
    _require_role(request, dossier, "accept")
    excluded = int_param(request.POST.get("khong-trinh"))
    try:
        if excluded:
            services.dossier_accept_items(actor=request.user, dossier=dossier,
                                          exclude={excluded: request.POST.get("ly-do", "")})
        else:
            services.dossier_accept_items(actor=request.user, dossier=dossier,
                                          accept=[int_param(v) for v in request.POST.getlist("chon") if int_param(v)],
                                          comment=request.POST.get("y-kien", ""))
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã ghi kết quả thẩm định."))
    return _back(dossier)


@login_required
@require_http_methods(["GET", "POST"])
def return_form(request, pk: int):
    """Return the dossier: reason checkboxes and a comment for the dossier and for each item
    returned, and the item fields to correct."""
    dossier = selectors.dossier_get_for(request.user, pk)
    _require_role(request, dossier, "return")
    if not services.may(request.user, dossier, "return"):
        messages.error(request, services.WRONG_STATE % {"action": _("trả lại"), "state": dossier.get_state_display()})
        return _back(dossier)
    items = list(dossier.items.filter(state__in=[IS.PENDING, IS.ACCEPTED]).select_related("held_unit"))
    reasons = workflow().return_reasons
    if request.method == "POST":
        notes = {}
        for item in items:
            if request.POST.get(f"tra-{item.pk}"):
                notes[item.pk] = ReturnNote(codes=tuple(request.POST.getlist(f"ly-do-{item.pk}")),
                                            fields=tuple(request.POST.getlist(f"noi-dung-{item.pk}")),
                                            comment=request.POST.get(f"y-kien-{item.pk}", ""))
        try:
            services.dossier_return(actor=request.user, dossier=dossier, items=notes,
                                    codes=request.POST.getlist("ly-do"), comment=request.POST.get("y-kien", ""))
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Đã trả lại hồ sơ để đơn vị bổ sung, sửa."))
            return _back(dossier)
    names = kind_names()
    for item in items:
        item.kind_name = names.get(item.kind, item.kind)
        item.checked = request.POST.get(f"tra-{item.pk}") if request.method == "POST" else ""
    return render(request, "dossiers/return.html", {
        "dossier": dossier, "items": items,
        "item_reasons": [r for r in reasons.values() if "item" in r.targets],
        "dossier_reasons": [r for r in reasons.values() if "dossier" in r.targets],
        "fields": workflow().return_fields.items()})


# --- consultation ---------------------------------------------------------------------------


@login_required
def opinions(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    if not access.covers(request.user, Perm.DOSSIER_REVIEW, dossier.authority_path):
        raise PermissionDenied(access.REFUSED)
    return render(request, "dossiers/opinions.html", {
        "dossier": dossier, "opinions": selectors.opinions_for_moderation(dossier),
        "items": selectors.public_items(dossier), "may_moderate": services.may(request.user, dossier, "moderate"),
        "public_url": absolute_url(request, reverse("dossiers:public_detail", args=[dossier.pk]))})


@login_required
@require_POST
def opinion_act(request, pk: int, opinion_pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    opinion = get_object_or_404(ConsultationOpinion, pk=opinion_pk, dossier=dossier)
    _require(request, dossier, "moderate")
    try:
        if "dang" in request.POST or "an" in request.POST:
            services.opinion_moderate(actor=request.user, opinion=opinion, publish="dang" in request.POST)
        else:
            services.opinion_handle(actor=request.user, opinion=opinion, handling=request.POST.get("xu-ly", ""))
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã lưu."))
    return redirect(reverse("dossiers:opinions", args=[dossier.pk]) + f"#y-kien-{opinion.pk}")


def public_list(request):
    """Open consultations: public, no login."""
    return render(request, "dossiers/public_list.html", {"dossiers": selectors.public_consultations()})


@require_http_methods(["GET", "POST"])
def public_detail(request, pk: int):
    """A dossier's published list and the opinion form: public, no login. Shows only each
    nominee's name, unit, proposed form and achievement summary."""
    dossier = selectors.public_consultation_get(pk)
    items = selectors.public_items(dossier)
    form = OpinionForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["website"]:
            return redirect("dossiers:public_detail", dossier.pk)  # a robot: dropped without a word
        item = dossier.items.filter(pk=d["item"], published_at__isnull=False).first() if d["item"] else None
        try:
            done = once.submit(request, lambda: services.opinion_submit(
                dossier=dossier, item=item, name=d["name"], contact=d["contact"], text=d["text"],
                sender=client_ip(request)), lands_on=lambda _o: reverse("dossiers:public_detail", args=[dossier.pk]),
                success=lambda _o: _("Đã nhận ý kiến của bạn. Ý kiến được đăng sau khi cơ quan thường trực xem xét; "
                                     "cảm ơn bạn đã góp ý."))
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect(done.url)
    return render(request, "dossiers/public_detail.html", {
        "dossier": dossier, "items": items, "form": form, "opinions": selectors.published_opinions(dossier)})


# --- export, status -------------------------------------------------------------------------


@login_required
def export(request, pk: int):
    dossier = selectors.dossier_get_for(request.user, pk)
    report = selectors.dossier_checks(dossier)
    names = kind_names()
    verdicts = {True: _("Đủ điều kiện"), False: _("Chưa đủ điều kiện"), None: _("Không xét tự động")}
    unit_names = labels.unit_texts({row.item.held_unit for row in report.rows})

    def rows():
        for n, row in enumerate(report.rows, start=1):
            item = row.item
            period = str(item.period_to) if item.period_from == item.period_to else \
                f"{item.period_from}–{item.period_to}"
            yield (n, item.subject_name, unit_names[item.held_unit_id], names.get(item.kind, item.kind), period,
                   str(verdicts[item.verdict_eligible]), " ".join(w["message"] for w in row.warnings),
                   item.justification, item.get_state_display(), item.achievement)

    headers = [_("STT"), _("Cá nhân / tập thể"), _("Đơn vị"), _("Hình thức đề nghị"), _("Thời kỳ thành tích"),
               _("Kiểm tra điều kiện"), _("Cảnh báo"), _("Giải trình"), _("Trạng thái"), _("Tóm tắt thành tích")]
    return xlsx_response(f"ho-so-{dossier.pk}.xlsx", _("Danh sách đề nghị — %s") % dossier.title, headers, rows())


@login_required
def person_status(request, person_pk: int):
    """A nominee's proposals and where they stand (for the person page, through htmx)."""
    person = people_selectors.person_get_for(request.user, person_pk)
    visible = set(selectors.dossiers_for(request.user).filter(items__person=person).values_list("pk", flat=True))
    items = [i for i in selectors.subject_items(person=person) if i.dossier_id in visible]
    return render(request, "dossiers/_subject_status.html", {"items": items})


def _forward_candidates(request) -> list:
    """The voted central-level dossiers the user may relay upward; 403 for whoever may
    relay nothing anywhere."""
    candidates = [d for d in selectors.forwardable(request.user) if services.may(request.user, d, "forward")]
    if not candidates and not access.has_any(request.user, Perm.DOSSIER_SUBMIT):
        raise PermissionDenied(access.REFUSED)
    return candidates


def _forward_chosen(request, candidates, raw) -> list:
    """The dossiers ticked (pks in RAW): fetched through the scope (404 outside it); one the
    user sees but whose role does not relay it is 403; one in the wrong state goes on to
    the service, which says why."""
    by_pk = {d.pk: d for d in candidates}
    chosen = []
    for pk in dict.fromkeys(int_param(v) for v in raw):
        if pk is None:
            continue
        dossier = by_pk.get(pk)
        if dossier is None:
            dossier = selectors.dossier_get_for(request.user, pk)
            _require_role(request, dossier, "forward")
        chosen.append(dossier)
    return chosen


def _forward_page(request, form, candidates, chosen=()):
    return render(request, "dossiers/forward.html", {
        "form": form, "candidates": candidates, "chosen": {d.pk for d in chosen},
        "minutes_kind": selectors.MINUTES_KIND, "meetings": selectors.voting_meetings(request.user, candidates)})


@login_required
@require_http_methods(["GET", "POST"])
def forward(request):
    """Relay voted central-level dossiers (Bằng khen TTg, Huân chương…) upward as one dossier,
    with the relaying authority's own signed tờ trình and its council's minutes."""
    candidates = _forward_candidates(request)
    form = ForwardForm(request.POST or None, request.FILES or None, papers=selectors.forward_papers())
    chosen = _forward_chosen(request, candidates, request.POST.getlist("chon")) if request.method == "POST" else []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            upper = services.dossier_forward(
                actor=request.user, dossiers=chosen, title=d["title"], number=d["number"],
                external_authority=d["external_authority"], comment=d["comment"], papers=form.uploads())
        except ApplicationError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form_error(form, exc)
        else:
            messages.success(request, _("Đã trình cấp trên: «%s».") % upper.title)
            return redirect("dossiers:detail", upper.pk)
    return _forward_page(request, form, candidates, chosen)




@login_required
@require_POST
def forward_draft(request):
    """The relaying authority's draft tờ trình (Word) for the dossiers ticked on the forward
    page, before the upper dossier exists: the officer prints it, has it signed and uploads
    the signed copy with the forward. Checked as the forward is, writing nothing; a refusal
    shows the page. A POST of the same form (a GET would put its CSRF token in the address);
    files already chosen are ignored."""
    candidates = _forward_candidates(request)
    form = ForwardForm(request.POST, papers=selectors.forward_papers())
    chosen = _forward_chosen(request, candidates, request.POST.getlist("chon"))
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.forward_plan(actor=request.user, dossiers=chosen, title=d["title"], number=d["number"],
                                         external_authority=d["external_authority"])
            content = word.render_docx("to_trinh", word_documents.to_trinh_context(plan.upper, items=plan.items),
                                       authority=plan.upper.unit)
        except ApplicationError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            form_error(form, exc)
        else:
            return word.docx_response(content, "du-thao-to-trinh-cap-tren.docx")
    return _forward_page(request, form, candidates, chosen)


@login_required
def dossier_word(request, pk: int, kind: str):
    """A dossier's tờ trình or danh sách kèm theo as Word, from the template in force at its
    unit; whoever may read the dossier may download it."""
    dossier = selectors.dossier_get_for(request.user, pk)
    build = {"to_trinh": word_documents.to_trinh_context, "danh_sach": word_documents.danh_sach_context}
    if kind not in build:
        raise Http404
    return word.docx_response(word.render_docx(kind, build[kind](dossier), authority=dossier.unit),
                              f"{kind.replace('_', '-')}-ho-so-{dossier.pk}.docx")
