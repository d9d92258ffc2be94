"""Ranking a round, and its result as a page and a workbook (locking it is a move of the
round: `rounds.round_transition`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.views_util import attempt
from thidua.core.xlsx import xlsx_response
from thidua.pledges import policy, selectors, services
from thidua.pledges.views.common import _round_context


@login_required
@require_POST
def round_rank(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    policy.require(rnd.standing.organiser)
    attempt(request, services.round_rank, success=lambda rows: _("Đã xếp hạng %d đơn vị.") % len(rows), round=rnd)
    return redirect("pledges:ranking", rnd.pk)


def _ranking_visible(rnd) -> bool:
    """The organisers see the ranking at any time; members once the bloc has ranked."""
    return rnd.standing.organiser or rnd.ranked_at is not None


@login_required
def ranking_page(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    context = _round_context(rnd)
    if _ranking_visible(rnd):
        result = selectors.round_ranking(rnd)
        # A member's own row stands out; for the secretariat, whose grant covers every
        # member, highlighting them all would mark nothing.
        mine = rnd.standing.own_units if len(rnd.standing.own_units) < len(rnd.standing.members) else frozenset()
        for row in result.rows:
            row.extra["mine"] = row.unit_id in mine
        context.update(result=result, proposals=selectors.proposals_of(rnd))
    return render(request, "pledges/ranking.html", context)


@login_required
def ranking_export(request, pk: int):
    rnd = selectors.round_get_for(request.user, pk)
    if not _ranking_visible(rnd):
        raise Http404
    result = selectors.round_ranking(rnd)
    labels = {"CO_TINH": _("Cờ thi đua cấp tỉnh"), "BK_TINH": _("Bằng khen của Chủ tịch UBND tỉnh")}
    headers = [_("Thứ hạng"), _("Đơn vị"), *[_("Nhóm %s") % g.code for g in result.groups],
               _("Điểm tiêu chí"), _("Điểm thưởng"), _("Điểm trừ"), _("Tổng điểm"), _("Đề nghị"), _("Ghi chú")]
    rows = (
        (r.rank, r.name, *[float(g) if r.submitted else None for g in r.groups],
         float(r.standard) if r.submitted else None, float(r.bonus) if r.submitted else None,
         float(r.deduction) if r.submitted else None, float(r.total) if r.submitted else None,
         labels.get(r.proposal, ""), " ".join(x for x in (r.explanation, r.proposal_note) if x))
        for r in result.rows
    )
    title = _("Kết quả chấm điểm, xếp hạng — %(bloc)s — %(round)s") % {"bloc": rnd.pledge.bloc.name,
                                                                       "round": rnd.name}
    return xlsx_response(f"xep-hang-{rnd.pledge.bloc.code}-{rnd.pledge.year}-{rnd.pk}.xlsx", title, headers, rows)
