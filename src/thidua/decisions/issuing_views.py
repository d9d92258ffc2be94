"""The pages of a decision's issue: the issue form, the signed copy (attach once, download),
and the list of the authority's leaders who sign, kept by its secretariat."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.text import fold
from thidua.core.views_util import attempt, attempt_once
from thidua.decisions import services
from thidua.decisions.forms import AttachSignedForm, IssueForm, SignatoryForm, SigningRulesForm
from thidua.decisions.models import Decision, Signatory
from thidua.decisions.services import AUTHORITY_LEVELS
from thidua.dossiers import desks
from thidua.org.models import Unit


def number_hint(decision: Decision, year: int) -> str:
    """What the number field says under it: the last number thidua knows, as a hint only."""
    last = services.last_number(authority=decision.authority, symbol=decision.symbol, year=year)
    if last:
        return _("Ghi đúng như văn thư đã đăng ký. Để tham khảo: số lớn nhất hệ thống đã ghi của ký hiệu %(symbol)s "
                 "năm %(year)s là %(last)s.") % {"symbol": decision.symbol, "year": year,
                                                 "last": f"{last:02d}/{decision.symbol}"}
    return _("Ghi đúng như văn thư đã đăng ký, ví dụ «1234/%(symbol)s»; hệ thống chưa ghi số nào của ký hiệu này năm "
             "%(year)s.") % {"symbol": decision.symbol, "year": year}


def issue_page(request, decision: Decision):
    """`ky` of a decision of thidua (its right checked by the caller): the number as
    registered, the date, the leader who signed and the capacity, the signed copy."""
    today = dt.date.today()
    authority = decision.authority
    leaders = Signatory.objects.filter(authority=authority, active=True).order_by("rank", "full_name")
    form = IssueForm(request.POST or None, request.FILES or None, initial={"issued_on": today},
                     signatories=leaders, capacities=services.capacities(authority),
                     hint=number_hint(decision, today.year))
    form.fields["number"].widget.attrs["placeholder"] = f"1234/{decision.symbol}"
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.decision_issue, form=form, decision=decision, **form.cleaned_data)
        if done:
            messages.success(request, _("Đã ghi ban hành Quyết định số %(number)s, người ký: %(name)s.") % {
                "number": done.value.number_text, "name": done.value.signer_name})
            return redirect("decisions:detail", decision.pk)
    return render(request, "decisions/issue.html", {
        "form": form, "decision": decision, "title": _("Ghi quyết định đã ký ban hành"), "no_leaders": not leaders,
        "may_keep_leaders": access.can(request.user, Perm.DECISION_ISSUE, authority)})


@login_required
def signed_copy(request, pk: int):
    """The signed copy of a decision, to whoever may read the decision."""
    decision = access.get(request.user, Decision, pk)
    if decision.document is None or not decision.document.file:
        raise Http404
    label = fold(decision.number_text).replace("/", "-")
    return FileResponse(decision.document.file.open("rb"), as_attachment=True, content_type="application/pdf",
                        filename=f"quyet-dinh-{label}-ban-ky.pdf")


@login_required
@require_POST
def attach_signed(request, pk: int):
    decision = access.get(request.user, Decision, pk)
    form = AttachSignedForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        attempt(request, services.decision_attach_signed, decision=decision, signed_file=form.cleaned_data[
            "signed_file"], success=_("Đã đính kèm bản quyết định đã ký."))
    return redirect("decisions:detail", decision.pk)


def _authority(user, unit_pk: int) -> Unit:
    unit = access.get(user, Unit, unit_pk, perm=Perm.DECISION_ISSUE)
    if unit.level not in AUTHORITY_LEVELS:
        raise Http404
    return unit


@login_required
def signatories_home(request):
    """The leaders' list of the highest authority whose decisions the user records."""
    units = access.scope(request.user, Perm.DECISION_ISSUE, Unit.objects.filter(level__in=list(AUTHORITY_LEVELS)))
    unit = units.order_by("depth", "path").first()
    if unit is None:
        raise access.PermissionDenied(access.REFUSED)
    return redirect("decisions:signatories", unit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def signatories(request, unit_pk: int):
    """AUTHORITY's leaders who sign, a form to add one, and its TL./TUQ. switches."""
    user = request.user
    authority = _authority(user, unit_pk)
    rules = services.rules_of(authority)
    posted = request.POST.get("muc") if request.method == "POST" else None
    add = SignatoryForm(request.POST if posted == "them" else None, version=0, prefix="them")
    rules_form = SigningRulesForm(request.POST if posted == "quy-dinh" else None, prefix="quy-dinh",
                                  version=rules.version if rules.pk else 0,
                                  initial={"by_order": rules.by_order, "delegated": rules.delegated})
    if posted == "them" and add.is_valid():
        data = {k: v for k, v in add.cleaned_data.items() if k != "version"}
        if attempt_once(request, services.signatory_add, form=add, authority=authority, **data,
                        lands_on=lambda _s: request.path,
                        success=lambda s: _("Đã thêm %s vào danh sách lãnh đạo ký.") % s.full_name).url:
            return redirect("decisions:signatories", authority.pk)
    if posted == "quy-dinh" and rules_form.is_valid() and attempt(
            request, services.signing_rules_update, form=rules_form, authority=authority, **rules_form.cleaned_data,
            success=_("Đã lưu quy định ký thừa lệnh, thừa ủy quyền.")):
        return redirect("decisions:signatories", authority.pk)
    return render(request, "decisions/signatories.html", {
        "authority": authority, "leaders": Signatory.objects.filter(authority=authority),
        "add": add, "rules_form": rules_form, "head": services.head_title(authority),
        "may_change": desks.acts_at(user, Perm.DECISION_ISSUE, authority.path)})


@login_required
@require_http_methods(["GET", "POST"])
def signatory_edit(request, unit_pk: int, pk: int):
    user = request.user
    authority = _authority(user, unit_pk)
    leader = access.get(user, Signatory, pk, perm=Perm.DECISION_ISSUE, queryset=Signatory.objects.filter(
        authority=authority))
    form = SignatoryForm(request.POST or None, version=leader.version, initial={
        "full_name": leader.full_name, "position": leader.position, "rank": leader.rank, "active": leader.active})
    if request.method == "POST" and form.is_valid() and attempt(
            request, services.signatory_update, form=form, signatory=leader, **form.cleaned_data,
            success=_("Đã lưu thông tin %s.") % form.cleaned_data["full_name"]):
        return redirect("decisions:signatories", authority.pk)
    return render(request, "decisions/signatory_form.html", {
        "form": form, "authority": authority, "title": _("Sửa thông tin lãnh đạo ký")})
