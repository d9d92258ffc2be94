"""Reminders the bloc scoring owes (registered with `thidua.notices.due`): members that
have not sent their self-scoring before its deadline, and the leader's (or the panel's)
sheets still to review before the review deadline."""

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleGrant
from thidua.core.roles import Perm, Role
from thidua.notices.due import AFTER, AHEAD, Due, responsible_users
from thidua.org.models import BlocMembership, BlocRole
from thidua.pledges.models import PanelMember, RoundMode, RoundStatus, Score, ScoreSheet, ScoringRound


def _covering(grants: list[tuple[int, str]], path: str) -> set[int]:
    return {user_id for user_id, prefix in grants if path.startswith(prefix)}


def scoring_reminders(today: dt.date) -> list[Due]:
    window = (today - AFTER, today + AHEAD)
    rounds = list(ScoringRound.objects.filter(state=RoundStatus.OPEN)
                  .filter(Q(self_score_deadline__range=window) | Q(review_deadline__range=window))
                  .select_related("pledge__bloc"))
    if not rounds:
        return []
    scorers = responsible_users(Perm.SCORE_SELF)
    # Everything the rounds need, read once for all of them (a busy day has twenty rounds open).
    pairs = {(r.pledge.bloc_id, r.pledge.year) for r in rounds}
    members: dict[tuple[int, int], dict[int, BlocMembership]] = defaultdict(dict)
    for m in BlocMembership.objects.filter(bloc_id__in={b for b, _y in pairs}, year__in={y for _b, y in pairs}) \
            .select_related("unit"):
        members[(m.bloc_id, m.year)][m.unit_id] = m
    sent: dict[int, set[int]] = defaultdict(set)
    pending: dict[int, set[int]] = defaultdict(set)
    sheets = ScoreSheet.objects.filter(round__in=rounds, submitted_at__isnull=False).annotate(
        unreviewed=Exists(Score.objects.filter(sheet=OuterRef("pk"), accepted_points__isnull=True)))
    for round_id, unit_id, unreviewed in sheets.values_list("round_id", "unit_id", "unreviewed"):
        sent[round_id].add(unit_id)
        if unreviewed:
            pending[round_id].add(unit_id)
    leaders: dict[tuple[int, int], set[int]] = defaultdict(set)
    # A leader grant follows its unit's leader membership, from the grant's year on (policy.leader_grants).
    for user_id, bloc_id, unit_id, since in RoleGrant.objects.filter(
            role=Role.BLOC_LEADER, bloc_id__in={b for b, _y in pairs}, year__isnull=False) \
            .values_list("user_id", "bloc_id", "unit_id", "year"):
        for b, year in pairs:
            held = members[(b, year)].get(unit_id)
            if b == bloc_id and year >= since and held is not None and held.role == BlocRole.LEADER:
                leaders[(b, year)].add(user_id)
    panels: dict[int, list[int]] = defaultdict(list)
    for round_id, unit_id in PanelMember.objects.filter(round__in=rounds).values_list("round_id", "unit_id"):
        panels[round_id].append(unit_id)
    items: list[Due] = []
    for rnd in rounds:
        bloc, year = rnd.pledge.bloc, rnd.pledge.year
        bloc_members = members[(bloc.pk, year)]
        label = f"«{rnd.name}» – {bloc.name}"
        if window[0] <= rnd.self_score_deadline <= window[1]:
            for unit_id, membership in bloc_members.items():
                if unit_id in sent[rnd.pk]:
                    continue
                url = reverse("pledges:sheet", args=[rnd.pk, unit_id])
                for user_id in _covering(scorers, membership.unit.path):
                    items.append(Due(user_id, f"round:{rnd.pk}:self:{unit_id}",
                                     _("%(unit)s chưa gửi bảng tự chấm điểm %(round)s")
                                     % {"unit": membership.unit.name, "round": label}, url, rnd.self_score_deadline))
        if window[0] <= rnd.review_deadline <= window[1] and pending[rnd.pk]:
            items += _review_reminders(rnd, bloc_members, pending[rnd.pk], scorers, label,
                                       leaders[(bloc.pk, year)], panels[rnd.pk])
    return items


def _review_reminders(rnd, members, pending, scorers, label, leader_users, panel_units) -> list[Due]:
    """Who still has sheets to review: the leader (its grant or its unit's officers) in
    leader mode, each panel unit's officers in panel mode."""
    reviewers: dict[int, int] = defaultdict(int)
    if rnd.mode == RoundMode.LEADER:
        leader = next((m for m in members.values() if m.role == BlocRole.LEADER), None)
        users = set(leader_users)
        if leader is not None:
            users |= _covering(scorers, leader.unit.path)
        for user_id in users:
            reviewers[user_id] = len(pending - ({leader.unit_id} if leader else set()))
    else:
        for unit_id in panel_units:
            if unit_id in members:
                for user_id in _covering(scorers, members[unit_id].unit.path):
                    reviewers[user_id] = len(pending - {unit_id})
    url = reverse("pledges:round", args=[rnd.pk])
    return [Due(user_id, f"round:{rnd.pk}:review", _("%(n)d bảng điểm chờ thẩm định, chấm chéo %(round)s")
                % {"n": n, "round": label}, url, rnd.review_deadline)
            for user_id, n in reviewers.items() if n]
