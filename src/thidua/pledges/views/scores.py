"""A unit's score sheet: self-scoring, review, cross-scoring or reading."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.views_util import attempt
from thidua.org.models import Unit
from thidua.pledges import selectors, services
from thidua.pledges.forms import LinesForm
from thidua.pledges.models import RoundMode
from thidua.pledges.views.common import _round_context


def _sheet_modes(sheet, today):
    """Which editable form the user gets on SHEET: self, review, panel or none; and extras."""
    rnd, st = sheet.round, sheet.round.standing
    sent = sheet.submitted_at is not None
    unit_id = sheet.unit_id
    if st.acts_for(unit_id) and not sent and rnd.self_scoring_open(today):
        return "self", []
    if rnd.mode == RoundMode.LEADER and sent and rnd.review_open(today) and st.may_review(rnd.mode, unit_id) \
            and (st.manager or unit_id not in st.own_units):
        return "review", []
    if rnd.mode == RoundMode.PANEL and sent and rnd.review_open(today):
        units = st.panel_units(rnd.panel_ids, unit_id)
        if units:
            return "panel", units
    return "", []


def _lines_form(mode, data, view, reviewer_unit_id=None):
    if mode == "self":
        return LinesForm(data, lines=view.lines, initial_points=lambda ln: ln.score.self_points,
                         initial_note=lambda ln: ln.score.self_note, version=lambda ln: ln.score.version)
    if mode == "review":
        return LinesForm(
            data, lines=view.lines,
            initial_points=lambda ln: ln.score.accepted_points if ln.score.accepted_points is not None
            else ln.score.self_points,
            initial_note=lambda ln: ln.score.review_comment, version=lambda ln: ln.score.version,
            note_label=gettext_lazy("Nhận xét thẩm định tiêu chí %s"))

    def mine(ln):
        return next((p for p in ln.panel if p.reviewer_unit_id == reviewer_unit_id), None)

    return LinesForm(data, lines=view.lines,
                     initial_points=lambda ln: mine(ln).points if mine(ln) else None,
                     initial_note=lambda ln: mine(ln).comment if mine(ln) else "",
                     version=lambda ln: mine(ln).version if mine(ln) else 0,
                     note_label=gettext_lazy("Nhận xét chấm chéo tiêu chí %s"))


@login_required
@require_http_methods(["GET", "POST"])
def sheet(request, pk: int, unit: int):
    """A unit's score sheet: self-scoring for its officers, review for the leader, cross-scoring
    for the panel, read-only for the rest of those who may open it."""
    sheet_obj = selectors.sheet_get_for(request.user, pk, unit)
    rnd, st = sheet_obj.round, sheet_obj.round.standing
    today = timezone.localdate()
    mode, panel_units = _sheet_modes(sheet_obj, today)
    reviewer_unit_id = None
    if mode == "panel":
        wanted = request.POST.get("reviewer") or request.GET.get("don-vi-cham") or ""
        reviewer_unit_id = int(wanted) if wanted.isdigit() and int(wanted) in panel_units else panel_units[0]
    see_all_panel = rnd.mode == RoundMode.PANEL and st.organiser
    view = selectors.sheet_lines(sheet_obj, panel_for=[reviewer_unit_id] if reviewer_unit_id else None,
                                 all_panel=see_all_panel)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "withdraw":
        attempt(request, services.score_sheet_withdraw, success=_("Đã rút bảng tự chấm điểm để sửa."), sheet=sheet_obj,
                reason=request.POST.get("reason", ""))
        return redirect(request.path)
    form = _lines_form(mode, request.POST if request.method == "POST" and mode else None, view, reviewer_unit_id) \
        if mode else None
    if request.method == "POST":
        if form is None:
            # A page left open past a deadline (or after sending) gets the reason, not a 403.
            if st.acts_for(sheet_obj.unit_id):
                reason = services.self_closed_reason(rnd, sheet_obj)
            elif st.may_review(rnd.mode, sheet_obj.unit_id) or st.panel_units(rnd.panel_ids, sheet_obj.unit_id):
                reason = services.review_closed_reason(rnd, sheet_obj)
            else:
                reason = None
            if not reason:
                raise PermissionDenied(access.REFUSED)
            messages.error(request, _("Không lưu được: %s") % reason)
            return redirect(request.path)
        if form.is_valid():
            if mode == "self":
                done = attempt(request, services.score_self_set, form=form, sheet=sheet_obj,
                               entries=form.entries, submit=action == "submit")
                ok_message = _("Đã gửi bảng tự chấm điểm.") if action == "submit" else _("Đã lưu điểm tự chấm.")
            elif mode == "review":
                done = attempt(request, services.score_review_set, form=form, sheet=sheet_obj,
                               entries=form.entries)
                ok_message = _("Đã lưu kết quả thẩm định.")
            else:
                done = attempt(request, services.panel_score_set, form=form, sheet=sheet_obj,
                               reviewer_unit=Unit.objects.get(pk=reviewer_unit_id), entries=form.entries)
                ok_message = _("Đã lưu điểm chấm chéo.")
            if done:
                messages.success(request, ok_message)
                url = request.path + (f"?don-vi-cham={reviewer_unit_id}" if reviewer_unit_id else "")
                return redirect(url)
    if form is not None:
        form.attach()
    reviewed = any(line.score.accepted_points is not None for line in view.lines)
    return render(request, "pledges/sheet.html", {
        **_round_context(rnd), "sheet": sheet_obj, "view": view, "mode": mode, "form": form,
        "panel_units": Unit.objects.filter(pk__in=panel_units).order_by("name") if panel_units else [],
        "reviewer_unit_id": reviewer_unit_id, "see_all_panel": see_all_panel,
        "own": st.acts_for(sheet_obj.unit_id), "is_self": mode == "self",
        "can_withdraw": st.acts_for(sheet_obj.unit_id) and sheet_obj.submitted_at is not None
        and rnd.self_scoring_open(today) and not reviewed and not any(line.panel for line in view.lines),
        "show_accepted": mode != "self" and (st.acts_for(sheet_obj.unit_id) or st.organiser
                                             or st.may_review(rnd.mode, sheet_obj.unit_id)),
    })
