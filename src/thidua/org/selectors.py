"""Reads of the unit tree and blocs, always through the scope."""

from django.db.models import Count, F, Min, Q, QuerySet

from thidua.core import access
from thidua.core.hooks import Hook
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.core.text import search_tokens
from thidua.org.models import Bloc, BlocMembership, Unit, UnitSuccession
from thidua.org.paths import ancestor_paths


def units_for(user, perm: str = Perm.ORG_VIEW) -> QuerySet[Unit]:
    return access.scope(user, perm, Unit.objects.all())




def tree_roots_for(user) -> list[Unit]:
    """The top units of the user's scope: the tree page starts from these."""
    allowed = access.prefixes(user, Perm.ORG_VIEW)
    if allowed is None:
        return list(Unit.objects.get_root_nodes())
    return list(Unit.objects.filter(path__in=allowed).order_by("path"))


def within(unit: Unit, lookup: str) -> Q:
    """The condition that the unit reached by LOOKUP (a path lookup: "current_unit__path")
    lies in UNIT's subtree. For the province's root, when it is the only tree, every unit
    does: the condition is then that there is a unit, which the database answers from an
    index instead of matching every unit's path (one small query to know)."""
    only_root = getattr(unit, "_thidua_only_root", None)
    if only_root is None:
        only_root = unit.depth == 1 and not Unit.objects.filter(depth=1).exclude(pk=unit.pk).exists()
        unit._thidua_only_root = only_root
    if only_root:
        return Q(**{f"{lookup.removesuffix('__path')}__isnull": False}) if lookup != "path" else Q()
    return Q(**{f"{lookup}__startswith": unit.path})


def subtree_ids(user, perm: str, unit: Unit) -> list[int] | None:
    """The ids of UNIT's subtree that PERM lets USER reach, for a figure to read by unit
    through an index; None when that is every unit (the province's root, seen whole)."""
    condition = within(unit, "path")
    if not condition and access.sees_everything(user, perm):
        return None
    return list(access.scope(user, perm, Unit.objects.filter(condition)).values_list("pk", flat=True))


def unit_children(unit: Unit) -> list[Unit]:
    """Direct children of UNIT, active first; `numchild` tells the page whether to offer expanding."""
    return list(
        Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by(
            F("active_until").asc(nulls_first=True), "name"
        )
    )


def unit_ancestors(unit: Unit, user=None) -> list[Unit]:
    """UNIT's ancestors, root first; with USER, each carries `in_scope` so pages link only those."""
    paths = ancestor_paths(unit.path, include_self=False)
    ancestors = list(Unit.objects.filter(path__in=paths).order_by("depth"))
    for a in ancestors:
        a.in_scope = user is None or access.can(user, Perm.ORG_VIEW, a)
    return ancestors


def unit_search(user, query: str, limit: int = 20) -> list[Unit]:
    tokens = search_tokens(query)
    if not tokens:
        return []
    qs = matching(units_for(user), query)
    return list(qs.order_by("depth", "name")[:limit])


def unit_successions(unit: Unit) -> dict[str, list[UnitSuccession]]:
    return {
        "predecessors": list(UnitSuccession.objects.filter(successor=unit).select_related("predecessor")),
        "successors": list(UnitSuccession.objects.filter(predecessor=unit).select_related("successor")),
    }


def unit_blocs(unit: Unit) -> list[BlocMembership]:
    return list(
        BlocMembership.objects.filter(unit=unit).select_related("bloc").order_by("-year", "bloc__name")[:30]
    )


def blocs_list() -> QuerySet[Bloc]:
    # Bloc names and memberships are public information in the emulation work.
    return Bloc.objects.select_related("organiser").annotate(n_members=Count("memberships__unit", distinct=True))


def bloc_members(bloc: Bloc, year: int | None, this_year: int) -> tuple[list[int], int, list[BlocMembership], int]:
    """The years to choose from (those with members, THIS_YEAR and the next one, newest
    first), the year shown (YEAR, else the latest with members, else THIS_YEAR), its members,
    and how many units the year before it had (what a copy would bring)."""
    counts = dict(bloc.memberships.values_list("year").annotate(n=Count("pk")).order_by())
    years = sorted(set(counts) | {this_year, this_year + 1}, reverse=True)
    year = year or max(counts, default=this_year)
    members = list(bloc.memberships.filter(year=year).select_related("unit").order_by("role", "unit__name"))
    return years, year, members, counts.get(year - 1, 0)


def unit_choices(user, perm: str) -> QuerySet[Unit]:
    """The active units a list's unit filter offers USER for PERM: the top of their sight
    and one level below (a unit further down is reached by its page's link, `?don-vi=`)."""
    units = access.scope(user, perm, Unit.objects.filter(active_until__isnull=True))
    top = units.aggregate(top=Min("depth"))["top"] or 1
    return units.filter(depth__lte=top + 1).order_by("path")


# Whether a user may open a bloc's pledge for a year (`pledges.policy.Standing.visible`):
# the bloc page links the pledge only then. Filled by `pledges.seams`.
pledge_visible = Hook("bloc pledge visible", lambda user, bloc, year: False)
