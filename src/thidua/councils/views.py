from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once
from thidua.councils import machines, policy, selectors, services
from thidua.councils.forms import (
    PAPER_LABELS,
    CouncilForm,
    MeetingForm,
    MemberForm,
    RegulationForm,
    council_users,
    paper_counts,
    regulation_initial,
)
from thidua.councils.machines import MEETINGS
from thidua.councils.minutes import minutes_context
from thidua.councils.models import (
    Choice,
    Council,
    CouncilMember,
    Meeting,
    MeetingStatus,
    Recusal,
    TellerRole,
    VoteCast,
)
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.printing.word import docx_response, render_docx


@login_required
@require_http_methods(["GET", "POST"])
def council_list(request):
    units = org_selectors.units_for(request.user, Perm.DOSSIER_REVIEW).order_by("depth", "path")
    organiser = units.first()
    form = CouncilForm(request.POST or None) if organiser else None
    if request.method == "POST":
        if organiser is None:
            raise access.PermissionDenied(access.REFUSED)
        if form.is_valid():
            url = attempt_once(request, services.council_create, form=form, authority_unit=organiser,
                               lands_on=lambda council: reverse("councils:detail", args=[council.pk]),
                               success=lambda council: _("Đã lập %s.") % council.name, **form.cleaned_data).url
            if url:
                return redirect(url)
    return render(request, "councils/list.html", {"councils": selectors.councils_for(request.user), "form": form,
                                                  "organiser": organiser})


@login_required
@require_http_methods(["GET", "POST"])
def council_detail(request, pk: int):
    council = access.get(request.user, Council, pk)
    runs = policy.runs(request.user, council)
    member_form = meeting_form = regulation_form = None
    if runs:
        regulation_form = RegulationForm(request.POST if request.POST.get("form") == "regulation" else None,
                                         initial=regulation_initial(council), version=council.version, prefix="qc")
        units = Unit.objects.filter(Q(pk=council.authority_unit_id) | Q(path__startswith=council.authority_unit.path,
                                                                        depth__lte=council.authority_unit.depth + 1),
                                    active_until__isnull=True).order_by("path")
        member_form = MemberForm(request.POST if request.POST.get("form") == "member" else None, units=units,
                                 users=council_users(), authority=council.authority_unit, prefix="tv")
        meeting_form = MeetingForm(request.POST if request.POST.get("form") == "meeting" else None,
                                   items=selectors.ready_items(council), prefix="ph")
    elif request.method == "POST":
        raise access.PermissionDenied(access.REFUSED)
    if request.method == "POST" and request.POST.get("form") == "regulation":
        if regulation_form.is_valid() and attempt(request, services.council_regulation_set, form=regulation_form,
                                                  council=council, **regulation_form.service_kwargs()):
            messages.success(request, _("Đã ghi quy chế hoạt động của Hội đồng."))
            return redirect("councils:detail", council.pk)
    elif request.method == "POST":
        form = member_form if request.POST.get("form") == "member" else meeting_form
        if form.is_valid():
            if form is member_form:
                url = attempt_once(request, services.member_add, form=form, council=council,
                                   lands_on=lambda _m: reverse("councils:detail", args=[council.pk]),
                                   success=lambda _m: _("Đã thêm thành viên."), **form.cleaned_data).url
            else:
                url = attempt_once(request, services.meeting_create, form=form, council=council,
                                   lands_on=lambda meeting: reverse("councils:meeting", args=[meeting.pk]),
                                   success=lambda _m: _("Đã triệu tập phiên họp; hãy điểm danh trước khi khai mạc."),
                                   **form.cleaned_data).url
            if url:
                return redirect(url)
    return render(request, "councils/detail.html", {
        "council": council, "runs": runs, "members": selectors.members(council), "member_form": member_form,
        "meeting_form": meeting_form, "regulation_form": regulation_form,
        "meetings": council.meetings.order_by("-starts_at")})


@login_required
@require_POST
def member_remove(request, pk: int):
    member = get_object_or_404(CouncilMember.objects.select_related("council__authority_unit"), pk=pk)
    access.get(request.user, Council, member.council_id)
    services.member_remove(actor=request.user, member=member, reason=request.POST.get("reason", ""))
    messages.success(request, _("Đã thôi thành viên %s.") % member.full_name)
    return redirect("councils:detail", member.council_id)


@login_required
def meeting_detail(request, pk: int):
    return _meeting_page(request, access.get(request.user, Meeting, pk))


def _meeting_page(request, meeting: Meeting, typed=None):
    """The meeting's page; TYPED: the paper-count form as posted, shown again when refused
    so the tellers' figures are not lost."""
    me = policy.membership(request.user, meeting.council)
    agenda = selectors.agenda(meeting)
    for entry in agenda if typed is not None else ():
        entry.typed = {name: typed.get(f"{name}-{entry.pk}", "") for name in PAPER_LABELS}
    return render(request, "councils/meeting.html", {
        "meeting": meeting, "runs": policy.runs(request.user, meeting.council), "me": me,
        "agenda": agenda, "teller_roles": TellerRole.choices, "written_any": any(e.seat.written for e in agenda),
        "attendance": meeting.attendance.select_related("member__home_unit").order_by("member__role",
                                                                                      "member__full_name"),
        "n_present": meeting.attendance.filter(present=True).count(),
    })


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    meeting = access.get(request.user, Meeting, pk, perm=Perm.DOSSIER_REVIEW)
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
    opinions = {int(k[8:]): v for k, v in request.POST.items() if k.startswith("opinion-") and k[8:].isdigit()}
    tellers = {int(k[7:]): v for k, v in request.POST.items() if k.startswith("teller-") and k[7:].isdigit() and v}
    if attempt(request, services.attendance_set, meeting=meeting, present=present, opinions=opinions,
               tellers=tellers, version=_version(request)):
        messages.success(request, _("Đã lưu điểm danh."))
    return redirect("councils:meeting", meeting.pk)


def _version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


@login_required
@require_POST
def meeting_lower(request, pk: int):
    """The lower form put to the vote for each case, set while the meeting is planned."""
    meeting = access.get(request.user, Meeting, pk, perm=Perm.DOSSIER_REVIEW)
    lower = {e.pk: request.POST.get(f"lower-{e.pk}", "") for e in meeting.agenda.all()
             if f"lower-{e.pk}" in request.POST}
    if attempt(request, services.agenda_lower_set, meeting=meeting, lower=lower, version=_version(request)):
        messages.success(request, _("Đã lưu hình thức thấp hơn đưa ra biểu quyết."))
    return redirect("councils:meeting", meeting.pk)


@login_required
@require_POST
def meeting_paper(request, pk: int):
    """The totals of the paper ballots and written opinions, per case."""
    meeting = access.get(request.user, Meeting, pk, perm=Perm.DOSSIER_REVIEW)
    counts, problem = paper_counts(request.POST, meeting.agenda.select_related("item"))
    if problem:
        messages.error(request, problem)
    elif attempt(request, services.paper_count_set, meeting=meeting, counts=counts, version=_version(request)):
        messages.success(request, _("Đã lưu kết quả kiểm phiếu giấy."))
        return redirect("councils:meeting", meeting.pk)
    return _meeting_page(request, meeting, typed=request.POST)


DONE = {
    machines.OPEN: gettext_lazy("Đã khai mạc; các thành viên có mặt có thể bỏ phiếu."),
    machines.CLOSE: gettext_lazy("Đã kiểm phiếu và ghi kết quả vào hồ sơ."),
}


@login_required
@require_POST
def meeting_transition(request, pk: int, slug: str):
    """Every move of a meeting (its slug in `machines.MEETINGS`): khai-mac opens the vote,
    ket-thuc counts it (with the chair's conclusion)."""
    meeting = access.get(request.user, Meeting, pk)
    action = MEETINGS.by_slug(slug)
    if action is None:
        raise Http404
    extra = {"conclusion": request.POST.get("conclusion", "")} if action == machines.CLOSE else {}
    # The count is final: closing first shows, case by case, the votes still missing, and
    # closes only when confirmed on that page.
    if action == machines.CLOSE and not request.POST.get("confirm") and policy.runs(request.user, meeting.council):
        agenda = selectors.agenda(meeting)
        return render(request, "councils/close_confirm.html", {
            "meeting": meeting, "agenda": agenda, "conclusion": extra["conclusion"],
            "missing": sum(e.missing for e in agenda),
            # Written opinions of absent members, recorded at the roll call, not yet counted.
            "written_left": sum(max(e.seat.written - e.written_total, 0) for e in agenda)})
    service = services.meeting_open if action == machines.OPEN else services.meeting_close
    if attempt(request, service, meeting=meeting, **extra):
        messages.success(request, DONE[action])
    return redirect("councils:meeting", meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request, pk: int):
    """A member's secret ballot: one choice per item they may vote on."""
    meeting = access.get(request.user, Meeting, pk)
    me = policy.membership(request.user, meeting.council)
    if me is None:
        raise access.PermissionDenied(access.REFUSED)
    agenda = selectors.agenda(meeting)
    recused = dict(Recusal.objects.filter(agenda_item__meeting=meeting, member=me)
                   .values_list("agenda_item_id", "reason"))
    voted = set(VoteCast.objects.filter(agenda_item__meeting=meeting, member=me).values_list("agenda_item_id",
                                                                                             flat=True))
    votable = [e for e in agenda if e.pk not in recused and e.pk not in voted]
    chosen, blank = {}, []
    if request.method == "POST":
        chosen = {entry.pk: request.POST.get(f"vote-{entry.pk}") for entry in agenda
                  if request.POST.get(f"vote-{entry.pk}")}
        blank = [e for e in votable if e.pk not in chosen]
        # A ballot with cases left blank is sent only when the member says so.
        if not blank or request.POST.get("partial"):
            done = attempt(request, services.ballot_cast, meeting=meeting, choices=chosen)
            if done:
                messages.success(request, _("Đã ghi nhận phiếu của bạn cho %d trường hợp.") % done.value)
                return redirect("councils:ballot", meeting.pk)
            blank = []
    return render(request, "councils/ballot.html", {
        "meeting": meeting, "me": me, "agenda": agenda, "recused": recused, "voted": voted, "chosen": chosen,
        "blank": blank, "choices": Choice.choices, "open": meeting.state == MeetingStatus.OPEN and bool(votable)})


@login_required
def minutes(request, pk: int):
    """The meeting's biên bản as Word, once the count is done."""
    meeting = access.get(request.user, Meeting, pk)
    if meeting.state != MeetingStatus.CLOSED:
        raise Http404
    data = render_docx("bien_ban", minutes_context(meeting), authority=meeting.council.authority_unit)
    return docx_response(data, f"bien-ban-hop-hoi-dong-{meeting.pk}.docx")
