import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.catalog import display
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import current_kinds, kind_names, money_table
from thidua.catalog.templatetags.catalog import vnd
from thidua.core import access
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import fold, search_tokens
from thidua.core.views_util import attempt, attempt_once, paginate
from thidua.core.xlsx import xlsx_response
from thidua.decisions import issuing_views, machines, selectors, services
from thidua.decisions.forms import (
    CancelForm,
    DecisionCreateForm,
    DecisionEditForm,
    DecisionFilterForm,
    FundIncomeForm,
    FundIncomeStartForm,
    FundReversalForm,
    RecipientForm,
    RecordForm,
    RevokeForm,
)
from thidua.decisions.machines import DECISIONS
from thidua.decisions.models import Capacity, Decision, DecisionKind, DecisionState, EntryKind, Recipient, Signatory
from thidua.documents import selectors as document_selectors
from thidua.documents.models import Document
from thidua.dossiers import selectors as dossier_selectors
from thidua.dossiers.models import Dossier
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.org.sectors import subtree_sectors
from thidua.people import selectors as people_selectors
from thidua.people.models import Person
from thidua.printing import decision_documents, word


def _units(user, perm: str):
    return access.scope(user, perm, Unit.objects.all()).order_by("path")


@login_required
def decision_list(request):
    user = request.user
    form = DecisionFilterForm(request.GET or None, units=org_selectors.units_for(user).order_by("path"))
    filters = form.cleaned_data if form.is_valid() else {}
    decisions = selectors.decision_list(
        user, unit=filters.get("don_vi"), year=filters.get("nam"), state=filters.get("trang_thai", ""),
        kind=filters.get("loai", ""), query=filters.get("q", ""))
    return render(request, "decisions/list.html", {
        "form": form, "page_obj": paginate(request, decisions),
        "can_draft": access.has_any(user, Perm.DECISION_CHANGE),
        "can_keep_leaders": access.has_any(user, Perm.DECISION_ISSUE),
        "can_see_fund": selectors.has_fund_access(user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    user = request.user
    units = _units(user, Perm.DECISION_CHANGE)
    if not units.exists():
        raise access.PermissionDenied(access.REFUSED)
    # From a voted dossier's page (?co-quan=<authority>): the authority comes chosen.
    wanted = request.GET.get("co-quan", "")
    initial = {"authority": units.filter(pk=wanted).first()} if wanted.isdigit() else {}
    form = DecisionCreateForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        external = d["external_name"].strip()
        url = attempt_once(request, services.decision_draft, form=form, lands_on=_decision_url,
                           success=lambda _d: _("Đã tạo dự thảo quyết định; hãy thêm danh sách khen thưởng."),
                           authority=None if external else d["authority"], unit=d["authority"],
                           authority_name=external, symbol=d["symbol"], summary=d["summary"],
                           commendation_type=d["commendation_type"]).url
        if url:
            return redirect(url)
    return render(request, "decisions/form.html", {"form": form, "title": _("Soạn quyết định khen thưởng"),
                                                   "once": True})


def _decision_url(decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])




def _kinds_for(decision: Decision, subject_kinds, kinds=None, sectors=None) -> list:
    """The kinds the decision's authority gives SUBJECT_KINDS; with SECTORS (those under its
    unit, `org.sectors.subtree_sectors`), only those one of them may receive."""
    return [k for k in (kinds or current_kinds()).values()
            if any(k.accepts(s) for s in subject_kinds) and services.may_decide(decision.authority, k)
            and (sectors is None or any(k.suits(s) for s in sectors))]


def _search(request, decision: Decision) -> dict:
    """People and units under the decision's unit that the user sees and the query names."""
    query = request.GET.get("q", "").strip()
    if not search_tokens(query):
        return {"query": query, "people": [], "units": []}
    people = [p for p in people_selectors.person_search(request.user, query, limit=20)
              if p.current_unit.path.startswith(decision.unit.path)]
    units = [u for u in org_selectors.unit_search(request.user, query, limit=20)
             if u.path.startswith(decision.unit.path)]
    return {"query": query, "people": people, "units": units}


def _preview(lines: list[Recipient], decision: Decision) -> None:
    """Money a draft's lines would get if signed today (the base salary may change)."""
    prices, today = money_table(), dt.date.today()
    for line in lines:
        try:
            line.amount = prices.amount(line.kind, line.subject_kind, today)
        except ApplicationError:
            line.amount = None


@login_required
def decision_detail(request, pk: int):
    user = request.user
    decision = access.get(user, Decision, pk)
    policy = access.policy(Decision)
    lines = selectors.decision_lines(decision)
    name = display.namer(decision.authority, issuer=decision.authority_name)
    for line in lines:
        line.kind_name = name(line.kind)
    can_edit = decision.is_draft and policy.may(user, decision)
    can_justify = decision.is_draft and services.may_justify(user, decision)
    if decision.is_draft:
        _preview(lines, decision)
    signed = decision.state == DecisionState.SIGNED
    context = {
        "decision": decision, "lines": lines, "can_edit": can_edit, "can_justify": can_justify,
        "waiting": [line for line in lines if line.awaits_justification],
        "can_sign": DECISIONS.may(user, decision, machines.action_for(decision, "ky")),
        "can_revoke": signed and decision.kind == DecisionKind.AWARD and not decision.is_external
        and any(line.award and not line.award.revoked for line in lines)
        and services.may_revoke(user, decision.authority),
        "can_see_fund": signed and selectors.may_see_fund(user, decision.unit),
        "can_publish": signed and decision.kind == DecisionKind.AWARD and services.may_publish(user, decision),
        "signed_copy": signed and decision.document is not None and bool(decision.document.file),
        "can_attach": signed and decision.document is not None and not decision.document.file
        and policy.may(user, decision, Perm.DECISION_CHANGE if decision.is_external else Perm.DECISION_ISSUE),
        # A unit's officer reads the decision on its lines but may not hold its văn bản.
        "document_readable": bool(document_selectors.readable_pks(user, [decision.document_id])),
        "total_amount": sum(line.amount or 0 for line in lines),
        "total_paid": sum(line.paid or 0 for line in lines),
    }
    if can_edit:
        context["search"] = _search(request, decision)
        kinds = current_kinds()
        # Offered by their full names as this authority gives them (`catalog.display`).
        name = display.namer(decision.authority, issuer=decision.authority_name)
        found = subtree_sectors(decision.unit)
        personal = _kinds_for(decision, (SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD), kinds, found)
        context["person_kinds"] = [{"code": k.code, "name": name(k.code)} for k in personal]
        context["unit_kinds"] = [{"code": k.code, "name": name(k.code)}
                                 for k in _kinds_for(decision, (SubjectKind.COLLECTIVE,), kinds, found)]
        context["household_kinds"] = {k.code for k in personal if k.accepts(SubjectKind.HOUSEHOLD)}
        context["default_year"] = people_selectors.evaluation_year()
        context["dossiers"] = _dossiers_for(user, decision)
    if signed:
        context["totals"] = selectors.decision_totals(decision)
    return render(request, "decisions/detail.html", context)


def _dossiers_for(user, decision: Decision) -> list:
    """Dossiers addressed to the decision's unit that wait for a decision and that USER may read."""
    waiting = dossier_selectors.voted_dossiers(authority_unit=decision.unit).exclude(
        items__decision_lines__decision=decision)  # already taken into this draft
    return list(waiting.filter(pk__in=dossier_selectors.dossiers_for(user).values("pk"))[:50])


@login_required
@require_POST
def dossier_add(request, pk: int):
    user = request.user
    decision = access.get(user, Decision, pk, perm=Perm.DECISION_CHANGE)
    dossier = access.get(user, Dossier, int(request.POST.get("dossier") or 0))
    attempt_once(request, services.decision_add_dossier, decision=decision, dossier=dossier,
                 lands_on=lambda _lines: _decision_url(decision),
                 success=lambda lines: _("Đã thêm %(n)s mục của hồ sơ «%(title)s».") % {
                "n": len(lines), "title": dossier.title})
    return redirect("decisions:detail", decision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk: int):
    decision = access.get(request.user, Decision, pk, perm=Perm.DECISION_CHANGE)
    if not decision.is_draft:
        # An issued decision never changes: a wrong content is revoked and replaced.
        messages.info(request, services.NOT_A_DRAFT)
        return redirect("decisions:detail", decision.pk)
    form = DecisionEditForm(request.POST or None, initial={
        "authority_name": decision.authority_name, "symbol": decision.symbol, "summary": decision.summary,
        "commendation_type": decision.commendation_type}, version=decision.version)
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.decision_update, form=form, decision=decision, **form.cleaned_data):
        messages.success(request, _("Đã lưu dự thảo."))
        return redirect("decisions:detail", decision.pk)
    return render(request, "decisions/form.html", {"form": form, "decision": decision,
                                                   "title": _("Sửa dự thảo quyết định")})


@login_required
@require_POST
def recipient_add(request, pk: int):
    user = request.user
    decision = access.get(user, Decision, pk, perm=Perm.DECISION_CHANGE)
    subject_kinds = (SubjectKind.COLLECTIVE,) if request.POST.get("subject", "").startswith("u") else (
        SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD)
    form = RecipientForm(request.POST, kinds=_kinds_for(decision, subject_kinds))
    if not form.is_valid():
        messages.error(request, _("Chưa thêm được: %s") % "; ".join(
            str(e) for errors in form.errors.values() for e in errors))
        return redirect("decisions:detail", decision.pk)
    d = form.cleaned_data
    subject_id = int(d["subject"][1:])
    if d["subject"][0] == "p":
        spec_subject = {"person": access.get(user, Person, subject_id)}
    else:
        spec_subject = {"unit": access.get(user, Unit, subject_id)}
    attempt_once(request, services.decision_add_recipients, decision=decision, recipients=[services.RecipientSpec(
        kind=d["kind"], year=d["year"], household=d["household"], period_from=d["period_from"],
        period_to=d["period_to"], achievement=d["achievement"], **spec_subject)],
        lands_on=lambda _lines: _decision_url(decision), success=_added)
    return redirect("decisions:detail", decision.pk)


def _added(lines: list[Recipient]) -> str:
    line = lines[0]
    if line.awaits_justification:
        return _("Đã thêm %s vào danh sách. Trường hợp này chưa đủ điều kiện theo bộ quy tắc: người có thẩm quyền "
                 "quyết định phải ghi giải trình trước khi ký.") % line.subject
    return _("Đã thêm %s vào danh sách.") % line.subject


@login_required
@require_POST
def recipient_justify(request, pk: int, line_pk: int):
    decision = access.get(request.user, Decision, pk, perm=Perm.DECISION_SIGN)
    line = get_object_or_404(Recipient, pk=line_pk, decision=decision)
    attempt(request, services.decision_justify_line, recipient=line, justification=request.POST.get("giai-trinh", ""),
            success=_("Đã ghi giải trình cho %s.") % line.subject)
    return redirect(reverse("decisions:detail", args=[decision.pk]) + f"#dong-{line.pk}")


@login_required
@require_POST
def recipient_remove(request, pk: int, line_pk: int):
    decision = access.get(request.user, Decision, pk, perm=Perm.DECISION_CHANGE)
    line = get_object_or_404(Recipient, pk=line_pk, decision=decision)
    if attempt(request, services.decision_remove_recipient, recipient=line):
        messages.success(request, _("Đã bỏ %s khỏi danh sách.") % line.subject)
    return redirect("decisions:detail", decision.pk)


@dataclass(frozen=True)
class _Move:
    """The form page of one move of a draft: its form, service, title and what it says done."""

    form: type
    service: Callable
    title: str
    done: Callable[[Decision], str]
    danger: bool = False


MOVES = {
    machines.RECORD: _Move(RecordForm, services.decision_record_issued, gettext_lazy("Ghi quyết định đã ban hành"),
                           lambda d: _("Đã ghi Quyết định số %s.") % d.number_text),
    machines.CANCEL: _Move(CancelForm, services.decision_cancel, gettext_lazy("Hủy dự thảo quyết định"),
                           lambda _d: _("Đã hủy dự thảo."), danger=True),
}


@login_required
@require_http_methods(["GET", "POST"])
def decision_transition(request, pk: int, slug: str):
    """Every move of a draft (its slug in `machines.DECISIONS`), each a form: ky signs a
    decision of thidua or records one issued outside, huy-du-thao drops the draft."""
    user = request.user
    decision = access.get(user, Decision, pk)
    action = machines.action_for(decision, slug)
    if action is None:
        raise Http404
    access.policy(Decision).require(user, decision, Perm.DECISION_ISSUE if action == machines.SIGN else "")
    if action == machines.SIGN:
        return issuing_views.issue_page(request, decision)
    move = MOVES[action]
    form = move.form(request.POST or None, request.FILES or None,
                     initial={"issued_on": dt.date.today()} if action == machines.RECORD else None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, move.service, form=form, decision=decision, **form.cleaned_data)
        if done:
            messages.success(request, move.done(done.value))
            return redirect("decisions:detail", decision.pk)
    return render(request, "decisions/form.html", {"form": form, "decision": decision, "title": move.title,
                                                   "danger": move.danger, "multipart": action == machines.RECORD})


@login_required
@require_http_methods(["GET", "POST"])
def decision_revoke(request, pk: int):
    user = request.user
    decision = access.get(user, Decision, pk)
    if decision.state != DecisionState.SIGNED or decision.kind != DecisionKind.AWARD or decision.is_external:
        raise Http404
    if not services.may_revoke(user, decision.authority):
        access.refuse(user, "decision.revoke", decision)
    lines = [line for line in selectors.decision_lines(decision) if line.award and not line.award.revoked]
    name = display.namer(decision.authority)
    choices = [(str(line.award.pk), f"{line.subject} — {name(line.kind)} {line.year}") for line in lines]
    # The deciding authority and the ones above it that the user signs for.
    authorities = [u for u in Unit.objects.filter(path__in=ancestor_paths(decision.authority.path)).order_by("-depth")
                   if services.may_revoke(user, u)]
    # Issued as every decision is: the leaders of the authorities offered, the capacities
    # one of them allows (the service checks the pair against the authority chosen).
    offered = dict(cap for authority in authorities for cap in reversed(services.capacities(authority)))
    form = RevokeForm(request.POST or None, request.FILES or None, awards=choices,
                      authorities=Unit.objects.filter(pk__in=[a.pk for a in authorities]).order_by("-depth"),
                      signatories=Signatory.objects.filter(authority__in=authorities, active=True)
                      .select_related("authority").order_by("authority__path", "rank", "full_name"),
                      capacities=[(c, label) for c, label in Capacity.choices if c in offered],
                      hint=issuing_views.number_hint(decision, dt.date.today().year),
                      initial={"issued_on": dt.date.today(), "authority": decision.authority})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        chosen = [line.award for line in lines if str(line.award.pk) in d["awards"]]
        url = attempt_once(request, services.decision_revoke, form=form, lands_on=_decision_url,
                           success=lambda revoked: _("Đã ban hành Quyết định hủy bỏ số %s.") % revoked.number_text,
                           awards=chosen, reason=d["reason"], issued_on=d["issued_on"], number=d["number"],
                           signatory=d["signatory"], capacity=d["capacity"], signed_file=d["signed_file"],
                           authority=d["authority"]).url
        if url:
            return redirect(url)
    return render(request, "decisions/form.html", {"form": form, "decision": decision, "danger": True,
                                                   "title": _("Hủy bỏ khen thưởng"), "once": True,
                                                   "multipart": True})


@login_required
@require_POST
def decision_publish(request, pk: int):
    """Put an issued decision and its list on the public portal (the secretariat's act)."""
    decision = access.get(request.user, Decision, pk)
    attempt(request, services.decision_publish, decision=decision,
            success=_("Đã công khai Quyết định số %s trên trang thông tin công khai.") % decision.number_text)
    return redirect("decisions:detail", decision.pk)


@login_required
@require_POST
def decision_unpublish(request, pk: int):
    """Take a published decision off the public portal."""
    decision = access.get(request.user, Decision, pk)
    attempt(request, services.decision_unpublish, decision=decision, reason=request.POST.get("ly-do", ""),
            success=_("Đã thôi công khai Quyết định số %s.") % decision.number_text)
    return redirect("decisions:detail", decision.pk)


PAYMENT_HEADERS = [gettext_lazy("STT"), gettext_lazy("Họ tên / Tập thể"), gettext_lazy("Đơn vị"),
                   gettext_lazy("Danh hiệu / Hình thức"), gettext_lazy("Số tiền (đồng)"), gettext_lazy("Ký nhận")]


@login_required
def payment_list(request, pk: int):
    user = request.user
    decision = access.get(user, Decision, pk)
    if not selectors.may_see_fund(user, decision.unit):
        raise access.PermissionDenied(access.REFUSED)
    if decision.state != DecisionState.SIGNED or decision.kind != DecisionKind.AWARD:
        raise Http404
    names = kind_names()
    lines = selectors.decision_lines(decision)
    rows = []
    for i, line in enumerate(lines, start=1):
        # A collective is listed under the unit it belongs to, a person under where they work.
        where = line.person.current_unit if line.person_id else (Unit.objects.get_parent(line.unit) or line.unit)
        rows.append([i, str(line.subject), where.name, names.get(line.kind, line.kind), line.paid or 0, ""])
    rows.append(["", _("Tổng cộng"), "", "", sum(line.paid or 0 for line in lines), ""])
    title = _("Danh sách chi tiền thưởng kèm theo Quyết định số %(number)s ngày %(date)s") % {
        "number": decision.number_text, "date": decision.issued_on.strftime("%d/%m/%Y")}
    filename = f"danh-sach-chi-thuong-{decision.number}-{decision.year}.xlsx"
    return xlsx_response(filename, title, [str(h) for h in PAYMENT_HEADERS], rows)


@login_required
def fund(request):
    user = request.user
    if not selectors.has_fund_access(user):
        raise access.PermissionDenied(access.REFUSED)
    return render(request, "decisions/fund.html", {
        "years": selectors.fund_totals(user), "can_keep": access.has_any(user, Perm.DECISION_CHANGE)})


@login_required
@require_http_methods(["GET", "POST"])
def fund_income_start(request):
    """Choose the fund and the budget year of a receipt (a fund with no entry yet has no
    year page to start from); then the receipt's form."""
    units = _units(request.user, Perm.DECISION_CHANGE)
    if not units.exists():
        raise access.PermissionDenied(access.REFUSED)
    form = FundIncomeStartForm(request.POST or None, units=units,
                               initial={"unit": units.first(), "year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        return redirect("decisions:fund_income", form.cleaned_data["unit"].pk, form.cleaned_data["year"])
    return render(request, "decisions/fund_start.html", {
        "form": form, "back": reverse("decisions:fund"), "title": _("Ghi khoản thu vào quỹ thi đua, khen thưởng")})


@login_required
def fund_year(request, unit_pk: int, year: int):
    unit = get_object_or_404(Unit, pk=unit_pk)
    detail = selectors.fund_year(request.user, unit, year)
    return render(request, "decisions/fund_year.html", {
        "detail": detail, "can_keep": services.may_keep_fund(request.user, unit)})


FUND_HEADERS = [gettext_lazy("STT"), gettext_lazy("Ngày"), gettext_lazy("Nội dung"),
                gettext_lazy("Số chứng từ, quyết định"), gettext_lazy("Thu (đồng)"), gettext_lazy("Chi (đồng)")]


@login_required
def fund_year_xlsx(request, unit_pk: int, year: int):
    """UNIT's fund book for YEAR as Excel: its receipts and their corrections, what each
    decision paid and recovered, the totals and the balance (the page's figures)."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    detail = selectors.fund_year(request.user, unit, year)
    rows, i = [["", "", _("Số dư đầu năm"), "", detail.opening, ""]], 0
    for r in detail.receipts:
        i += 1
        e = r.entry
        what = e.get_source_display() if e.kind == EntryKind.INCOME else _("Điều chỉnh giảm: %s") % e.note
        if e.kind == EntryKind.INCOME and e.note:
            what = f"{what} — {e.note}"
        rows.append([i, e.received_on, what, e.reference, e.signed_amount, ""])
    for r in detail.rows:
        i += 1
        d = r.decision
        if r.paid:
            rows.append([i, d.issued_on, _("Chi thưởng: %s") % d.summary, d.number_text, "", r.paid])
        if r.recovered:
            i += 1 if r.paid else 0
            rows.append([i, d.issued_on, _("Thu hồi tiền thưởng: %s") % d.summary, d.number_text, r.recovered, ""])
    rows.append(["", "", _("Tổng thu vào quỹ"), "", detail.income, ""])
    rows.append(["", "", _("Tổng chi thưởng, sau thu hồi"), "", "", detail.net])
    rows.append(["", "", _("Còn lại cuối năm"), "", detail.balance, ""])
    title = _("Sổ quỹ thi đua, khen thưởng năm %(year)s — %(unit)s") % {"year": year, "unit": unit.name}
    return xlsx_response(f"so-quy-{unit.code}-{year}.xlsx", title, [str(h) for h in FUND_HEADERS], rows)


def _fund_unit(request, unit_pk: int) -> Unit:
    """The unit whose fund books the keeper writes in: 404 out of sight, 403 when the user
    may read its fund but not keep it."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    selectors.fund_access(request.user, unit)
    if not services.may_keep_fund(request.user, unit):
        raise access.PermissionDenied(access.REFUSED)
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def fund_income(request, unit_pk: int, year: int):
    """Record a receipt of UNIT's fund in budget YEAR."""
    unit = _fund_unit(request, unit_pk)
    back = reverse("decisions:fund_year", args=[unit.pk, year])
    form = FundIncomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = attempt_once(
            request, services.fund_income_record, form=form, lands_on=lambda _e: back,
            success=lambda e: _("Đã ghi khoản thu %(amount)s vào quỹ năm %(year)s.") % {
                "amount": vnd(e.amount), "year": year},
            unit=unit, year=year, source=d["source"], received_on=d["received_on"], amount=d["amount"],
            reference=d["reference"], note=d["note"])
        if done:
            return redirect(back)
    return render(request, "decisions/fund_income.html", {
        "form": form, "unit": unit, "year": year, "back": back, "once": True,
        "title": _("Ghi khoản thu vào quỹ thi đua, khen thưởng năm %s") % year})


@login_required
@require_http_methods(["GET", "POST"])
def fund_income_reverse(request, unit_pk: int, year: int, pk: int):
    """Take back a receipt of UNIT's fund recorded wrongly (a reversing entry)."""
    unit = _fund_unit(request, unit_pk)
    entry = selectors.fund_receipt(request.user, unit, pk)
    back = reverse("decisions:fund_year", args=[unit.pk, entry.year])
    form = FundReversalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.fund_income_reverse, form=form, entry=entry,
                       reason=form.cleaned_data["reason"],
                       success=_("Đã điều chỉnh giảm khoản thu %s; hãy ghi lại khoản thu đúng nếu cần.")
                       % vnd(entry.amount))
        if done:
            return redirect(back)
    return render(request, "decisions/fund_reverse.html", {
        "form": form, "unit": unit, "entry": entry, "back": back,
        "title": _("Điều chỉnh giảm khoản thu ghi sai")})


@login_required
def by_document(request, document_pk: int):
    """From a ledger row's decision number: the decision page when the document is a
    decision of thidua the user may read, else the document page when the user may read
    the document. Missing and out of scope answer the same 404, so ids cannot be probed."""
    # A primary-key lookup: Django answers "none" for an id past the column's range.
    document = Document.objects.filter(pk=document_pk).only("pk").first()
    if document is not None:
        decision = Decision.objects.filter(document=document).only("pk").first()
        if decision is not None and selectors.decisions_for(request.user).filter(pk=decision.pk).exists():
            return redirect("decisions:detail", decision.pk)
        if document_selectors.may_read(request.user, document):
            return redirect("documents:detail", document.pk)
    access.log.warning("404 out-of-scope or missing document %s for user=%s", document_pk, request.user.pk)
    raise Http404


@login_required
def decision_word(request, pk: int):
    """A decision as its Word document (quyết định with the attached list), from the
    template in force at its authority; whoever may read the decision may download it."""
    decision = access.get(request.user, Decision, pk)
    content = word.render_docx("quyet_dinh", decision_documents.decision_context(decision),
                               authority=decision.authority or decision.unit)
    label = fold(decision.number_text).replace("/", "-") if decision.number else f"du-thao-{decision.pk}"
    return word.docx_response(content, f"quyet-dinh-{label}.docx")
