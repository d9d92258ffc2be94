"""The demo tree's sectors (`core.sectors`): each unit takes its kind's (`org.models.KIND_SECTORS`)
— the province and its departments state administration, hospitals, schools and other
public service units public service, state enterprises enterprise, communes and their
villages commune — and an internal department its parent's. The demo has no armed-forces
unit, so its armed-forces titles are offered nowhere."""

from thidua.org.models import KIND_SECTORS, Unit


def seed_sectors(root_pk: int) -> int:
    """Set the sectors of the tree under ROOT_PK, one update per sector; how many units got one."""
    root = Unit.objects.get(pk=root_pk)
    tree = Unit.objects.filter(path__startswith=root.path)
    by_sector: dict[str, list[str]] = {}
    for kind, sector in KIND_SECTORS.items():
        by_sector.setdefault(sector, []).append(kind)
    return sum(tree.filter(kind__in=kinds).update(sector=sector) for sector, kinds in by_sector.items())
