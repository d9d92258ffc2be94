"""A scoring round's pages: open it, its progress, its panel, its moves (lock, reopen)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.views_util import attempt, attempt_once
from thidua.pledges import machines, policy, selectors, services
from thidua.pledges.forms import PanelForm, ReopenForm, RoundForm
from thidua.pledges.machines import ROUNDS
from thidua.pledges.models import RoundKind, RoundMode
from thidua.pledges.views.common import _member_units, _round_context


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, pk: int):
    pledge = selectors.pledge_get_for(request.user, pk)
    policy.require(pledge.standing.organiser)
    has_year_end = pledge.rounds.filter(kind=RoundKind.YEAR_END).exists()
    kind = RoundKind.MID_YEAR if has_year_end else RoundKind.YEAR_END
    form = RoundForm(request.POST or None, units=_member_units(pledge.standing), initial={
        "kind": kind, "mode": RoundMode.LEADER, "bk_proposals": 2,
        "name": (_("Sơ kết 6 tháng đầu năm %s") if has_year_end else _("Chấm điểm, xếp hạng năm %s")) % pledge.year,
    })
    if request.method == "POST" and form.is_valid():
        done = attempt_once(request, services.round_open, form=form, pledge=pledge,
                            lands_on=lambda rnd: reverse("pledges:round", args=[rnd.pk]),
                            success=lambda rnd: _("Đã mở đợt chấm điểm «%s».") % rnd.name, **form.cleaned_data)
        if done:
            return redirect(done.url)
    return render(request, "pledges/form.html", {"form": form, "pledge": pledge,
                                                 "title": _("Mở đợt chấm điểm"), "once": True})


@login_required
def round_detail(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    context = _round_context(rnd)
    rows = selectors.round_progress(rnd)
    context.update(
        rows=rows, n_sent=sum(1 for r in rows if r.sheet and r.sheet.submitted_at),
        my_rows=[r for r in rows if rnd.standing.acts_for(r.membership.unit_id)],
        panel=list(rnd.panel.select_related("unit").order_by("unit__name")) if context["is_panel"] else [],
    )
    return render(request, "pledges/round.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_panel(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    policy.require(rnd.standing.organiser)
    if rnd.mode != RoundMode.PANEL:
        raise Http404
    form = PanelForm(request.POST or None, units=_member_units(rnd.standing),
                     initial={"units": list(rnd.panel_ids)})
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.round_panel_set, success=_("Đã cập nhật tổ chấm chéo."), form=form, round=rnd,
                       units=form.cleaned_data["units"])
        if done:
            return redirect("pledges:round", rnd.pk)
    return render(request, "pledges/form.html", {"form": form, "pledge": rnd.pledge, "rnd": rnd,
                                                 "title": _("Tổ chấm chéo")})


@login_required
@require_http_methods(["GET", "POST"])
def round_transition(request, pk: int, slug: str):
    """Every move of a round (its slug in `machines.ROUNDS`): chot locks it (pressed on the
    ranking page), mo-lai reopens or extends it (a form: new deadlines and a reason)."""
    action = ROUNDS.by_slug(slug)
    if action == machines.LOCK and request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    rnd = selectors.round_get_for(request.user, pk)
    if action is None:
        raise Http404
    machines.require(ROUNDS, request.user, rnd, action)
    if action == machines.LOCK:
        attempt(request, services.round_lock, success=_("Đã chốt kết quả đợt chấm điểm."), round=rnd)
        return redirect("pledges:ranking", rnd.pk)
    form = ReopenForm(request.POST or None, initial={"self_score_deadline": rnd.self_score_deadline,
                                                     "review_deadline": rnd.review_deadline})
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.round_reopen, success=_("Đã mở lại, gia hạn đợt chấm điểm."), form=form,
                       round=rnd, **form.cleaned_data)
        if done:
            return redirect("pledges:round", rnd.pk)
    return render(request, "pledges/form.html", {"form": form, "pledge": rnd.pledge, "rnd": rnd,
                                                 "title": _("Mở lại, gia hạn đợt chấm điểm")})
