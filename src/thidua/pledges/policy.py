"""Who may do what in a bloc's pledge and its rounds (DESIGN.md §7), built on core.access.

A user's standing in the pledge of (bloc, year) comes from three sources:
- manager: `Perm.PLEDGE_MANAGE` covering the bloc's organiser (its secretariat, admins);
- leader: a `RoleGrant(role=BLOC_LEADER, unit, bloc, year)` whose unit holds the bloc's leader
  membership that year, for that year and every later one it leads again (the rights follow
  the leader unit of each year, docs/blocs.md), or `Perm.SCORE_SELF` covering the unit that
  holds the bloc's leader membership that year (its officer or head);
- own units: the member units that year that `Perm.SCORE_SELF` covers (sign, self-score).
Anyone with none of these gets 404 on every page of the pledge. Selectors and services
both ask `standing()`; views never decide on their own.

Reviewing in leader mode: the leader reviews every member but its own unit; the leader's
own sheet is reviewed by the deputy (khối phó), or by the secretariat when there is none;
the secretariat may review any sheet. In panel mode the panel units score the others.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from thidua.accounts.models import RoleGrant
from thidua.core import access
from thidua.core.roles import Perm, Role
from thidua.org.models import BlocMembership, BlocRole


def leader_grants(user) -> set[tuple[int, int]]:
    """(bloc id, year) the user leads through a bloc-leader grant, cached on the user for the
    request: the years, from the grant's year on, in which the grant's unit holds the bloc's
    leader membership. A unit no longer leader loses the new year and keeps the years it led."""
    cached = getattr(user, "_thidualeader_grants", None)
    if cached is None:
        grants = RoleGrant.objects.filter(user=user, role=Role.BLOC_LEADER, bloc=OuterRef("bloc"),
                                          unit=OuterRef("unit"), year__lte=OuterRef("year"))
        cached = set(BlocMembership.objects.filter(Exists(grants), role=BlocRole.LEADER)
                     .values_list("bloc_id", "year"))
        user._thidualeader_grants = cached
    return cached


@dataclass
class Standing:
    """What USER may do in the pledge of BLOC for YEAR. `members` maps unit id → membership."""

    bloc_id: int
    year: int
    manager: bool
    leader: bool
    own_units: frozenset[int]
    members: dict[int, BlocMembership] = field(default_factory=dict)
    leader_unit_id: int | None = None
    deputy_unit_id: int | None = None

    @property
    def visible(self) -> bool:
        return self.manager or self.leader or bool(self.own_units)

    @property
    def organiser(self) -> bool:
        """May build the table, open rounds, set the panel, rank and lock."""
        return self.manager or self.leader

    def acts_for(self, unit_id: int) -> bool:
        """May sign and self-score on behalf of UNIT_ID (a member that year)."""
        return unit_id in self.own_units

    def may_review(self, mode: str, unit_id: int) -> bool:
        """May set the accepted points of UNIT_ID's sheet in a leader-mode round."""
        if mode != "leader" or unit_id not in self.members:
            return False
        if self.manager:
            return True
        if unit_id == self.leader_unit_id:
            return self.deputy_unit_id is not None and self.deputy_unit_id in self.own_units
        return self.leader

    def panel_units(self, panel: set[int], unit_id: int) -> list[int]:
        """The panel units this user may score UNIT_ID for: never UNIT_ID itself."""
        return sorted(u for u in panel if u in self.own_units and u != unit_id)

    def may_open_sheet(self, mode: str, panel: set[int], unit_id: int, submitted: bool) -> bool:
        """May see UNIT_ID's sheet (self-scores and evidence) in a round."""
        if self.manager or self.acts_for(unit_id):
            return True
        if not submitted:  # a draft is the unit's own business
            return False
        if mode == "leader":
            return self.may_review(mode, unit_id) or (self.leader and unit_id in self.members)
        return bool(self.panel_units(panel, unit_id))


def standing(user, bloc, year: int) -> Standing:
    """The user's standing in BLOC for YEAR (memberships: one query, cached on the bloc)."""
    cache = getattr(bloc, "_thidua_members", None)
    if cache is None or cache[0] != year:
        rows = list(BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit"))
        cache = (year, {m.unit_id: m for m in rows})
        bloc._thidua_members = cache
    members: dict[int, BlocMembership] = cache[1]
    leader_unit = next((m.unit for m in members.values() if m.role == BlocRole.LEADER), None)
    deputy_unit = next((m.unit for m in members.values() if m.role == BlocRole.DEPUTY), None)
    manager = access.covers(user, Perm.PLEDGE_MANAGE, bloc.organiser.path) if user.is_authenticated else False
    own = frozenset(uid for uid, m in members.items() if access.covers(user, Perm.SCORE_SELF, m.unit.path))
    leader = bool(user.is_authenticated and (
        (bloc.pk, year) in leader_grants(user)
        or (leader_unit is not None and leader_unit.pk in own)
    ))
    return Standing(
        bloc_id=bloc.pk, year=year, manager=manager, leader=leader, own_units=own, members=members,
        leader_unit_id=leader_unit.pk if leader_unit else None,
        deputy_unit_id=deputy_unit.pk if deputy_unit else None,
    )


def seen(user, to_pledge: str = "") -> Q:
    """The rows of the pledges USER has a standing in, as a filter: `Standing.visible` asked
    of every pledge at once. TO_PLEDGE leads from the filtered model to its pledge ("" for a
    pledge, "pledge__" for a round, "round__pledge__" for a sheet)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    manage = access.prefixes(user, Perm.PLEDGE_MANAGE)
    if manage is None:
        return Q()
    cond = Q(pk__in=[])
    for path in manage:
        cond |= Q(**{f"{to_pledge}bloc__organiser__path__startswith": path})
    for bloc_id, year in leader_grants(user):
        cond |= Q(**{f"{to_pledge}bloc_id": bloc_id, f"{to_pledge}year": year})
    own = access.prefixes(user, Perm.SCORE_SELF) or []
    if own:
        unit_q = Q()
        for path in own:
            unit_q |= Q(unit__path__startswith=path)
        member = BlocMembership.objects.filter(unit_q, bloc=OuterRef(f"{to_pledge}bloc"),
                                               year=OuterRef(f"{to_pledge}year"))
        cond |= Q(Exists(member))
    return cond


def require(allowed: bool) -> None:
    """Raise the house's 403 unless ALLOWED (the user already sees the record)."""
    if not allowed:
        raise access.PermissionDenied(access.REFUSED)
