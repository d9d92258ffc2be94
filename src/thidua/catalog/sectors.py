"""Which award kinds a subject may receive by its unit's sector (`core.sectors`).

Pages offer only the kinds that suit (`suits`); services refuse the others
(`require_suits`), so a crafted request or an imported row meets the same rule.
"""

from collections.abc import Iterable

from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core import sectors as rules
from thidua.core.errors import ApplicationError
from thidua.org.models import Unit
from thidua.org.sectors import effective_sector

_UNKNOWN = object()


def kind_sectors() -> dict[str, tuple[str, ...]]:
    """Code → the sectors it is limited to, for the kinds in force today that are limited."""
    return {code: k.sectors for code, k in current_kinds().items() if k.sectors}


def suits(code: str, sector: str | None, limited: dict[str, tuple[str, ...]]) -> bool:
    """Whether kind CODE may go to a subject of SECTOR, LIMITED being `kind_sectors()`."""
    return rules.allows(limited.get(code, ()), sector)


def refusal(code: str, sector: str | None, unit_name: str, limited: dict[str, tuple[str, ...]],
            names: dict[str, str] | None = None, person_name: str = "") -> str:
    """Why kind CODE may not go to a subject of UNIT_NAME (of SECTOR); empty when it may."""
    if suits(code, sector, limited):
        return ""
    name = (names if names is not None else kind_names()).get(code, code)
    message = rules.refusal(name, limited[code], unit_name, sector)
    return f"{person_name}: {message}" if person_name else message


def require_suits(codes: Iterable[str], *, unit: Unit, person_name: str = "", sector=_UNKNOWN,
                  field: str = "kind", limited: dict[str, tuple[str, ...]] | None = None) -> None:
    """Refuse (ApplicationError on FIELD) the first of CODES UNIT's sector may not receive;
    PERSON_NAME names the person of UNIT it is for. SECTOR: UNIT's, when the caller has it."""
    limited = kind_sectors() if limited is None else limited
    codes = [c for c in codes if c in limited]
    if not codes:  # no kind asked for is limited: the unit's sector does not matter
        return
    sector = effective_sector(unit) if sector is _UNKNOWN else sector
    for code in codes:
        message = refusal(code, sector, unit.name, limited, person_name=person_name)
        if message:
            raise ApplicationError(message, {"field": field})
