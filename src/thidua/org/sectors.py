"""A unit's effective sector: its own, or its nearest ancestor's that sets one.

A unit's ancestors are the prefixes of its path (`org.paths`), so the whole chain is one
query whatever the depth, and no stored copy has to follow a unit moved in the tree or a
parent whose sector changes.
"""

from collections.abc import Iterable

from thidua.core.sectors import SECTOR_NAMES
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths


def sector_source(unit: Unit) -> Unit | None:
    """The unit whose sector UNIT has: itself, its nearest ancestor that sets one, or None."""
    if unit.sector:
        return unit
    paths = ancestor_paths(unit.path, include_self=False)
    return Unit.objects.filter(path__in=paths, sector__isnull=False).order_by("-depth").first()


def effective_sector(unit: Unit | None) -> str | None:
    """UNIT's sector (a `core.sectors.Sector` value), inherited; None when no unit up its tree sets one."""
    if unit is None:
        return None
    source = sector_source(unit)
    return source.sector if source else None


def chain_source(unit: Unit, ancestors: Iterable[Unit]) -> Unit | None:
    """`sector_source` from UNIT's ANCESTORS already read (`selectors.unit_ancestors`): no query."""
    if unit.sector:
        return unit
    return next((a for a in sorted(ancestors, key=lambda a: -a.depth) if a.sector), None)


def chain_sector(unit: Unit, ancestors: Iterable[Unit]) -> str | None:
    """UNIT's effective sector from ANCESTORS already read: no query."""
    source = chain_source(unit, ancestors)
    return source.sector if source else None


def effective_sectors(units: Iterable[Unit]) -> dict[int, str | None]:
    """Unit id → effective sector for every one of UNITS, in one query (none when each sets its own)."""
    units = list(units)
    wanted = {p for u in units if not u.sector for p in ancestor_paths(u.path, include_self=False)}
    own = {}
    if wanted:
        own = dict(Unit.objects.filter(path__in=wanted, sector__isnull=False).values_list("path", "sector"))
    out = {}
    for u in units:
        out[u.pk] = u.sector or next(
            (own[p] for p in reversed(ancestor_paths(u.path, include_self=False)) if p in own), None)
    return out


def subtree_sectors(unit: Unit) -> set[str | None]:
    """The effective sectors found in UNIT's subtree (None among them: a part with none), two queries."""
    below = Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth, sector__isnull=False)
    return {effective_sector(unit), *below.values_list("sector", flat=True).distinct()}


def sector_label(sector: str | None) -> str:
    return str(SECTOR_NAMES.get(sector, "")) if sector else ""
