"""Reads of registrations and registration sheets, always through the scope.

A sheet lists the unit's people, so reading one needs `Perm.PEOPLE_VIEW` over the unit
(`SHEET_VIEW`); out of scope and missing both answer 404.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua import rules
from thidua.catalog.sectors import kind_sectors, suits
from thidua.core import access
from thidua.core.roles import Perm
from thidua.movements import participation
from thidua.movements.models import Movement, MovementKind
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.org.sectors import effective_sector
from thidua.people.models import Person
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus
from thidua.rules.codes import TITLE_CODES

SHEET_VIEW = Perm.PEOPLE_VIEW

# How officers write the titles in a table header (the full name goes in the tooltip).
SHORT_NAMES = {
    "LDTT": gettext_lazy("LĐTT"), "CSTT": gettext_lazy("CSTT"), "CSTDCS": gettext_lazy("CSTĐCS"),
    "CSTD_TINH": gettext_lazy("CSTĐ cấp tỉnh"), "CSTD_TQ": gettext_lazy("CSTĐ toàn quốc"),
    "TTLDTT": gettext_lazy("TTLĐTT"), "DVTT": gettext_lazy("ĐVTT"), "TTLDXS": gettext_lazy("TTLĐXS"),
    "DVQT": gettext_lazy("ĐVQT"), "CO_TINH": gettext_lazy("Cờ thi đua cấp tỉnh"),
    "CO_CP": gettext_lazy("Cờ thi đua của Chính phủ"), "TDPVH": gettext_lazy("Thôn, TDP văn hóa"),
}


def short_name(code: str) -> str:
    return str(SHORT_NAMES.get(code, code))


def registrable_codes(subject_kind: str, sector: str | None = None,
                      limited: dict[str, tuple[str, ...]] | None = None) -> list[tuple[str, str]]:
    """(code, name) of the emulation titles a subject of SUBJECT_KIND may register for;
    with SECTOR (its unit's, `org.sectors`), only those the catalog gives that sector."""
    ruleset = rules.RULESETS[rules.ruleset_for_year(9999).id]
    limited = (kind_sectors() if sector else {}) if limited is None else limited
    return [(code, rule.name) for code, rule in ruleset.rules.items()
            if code in TITLE_CODES and subject_kind in rule.subjects and suits(code, sector, limited)]


def registration_year() -> int:
    """The year units register for now: registration opens at the start of the year."""
    return timezone.localdate().year


def counted() -> Q:
    """The condition on `Registration` for what the rules engine counts (ADR 0004): on an
    approved sheet, or on none (history imported or entered before sheets existed). A
    draft or a sheet awaiting the head's approval is not yet the unit's commitment.

    The one statement of the rule: `counted_registrations` and the lists filter with it,
    and the scan's SQL (`eligibility.facts`) embeds the SQL Django compiles from it."""
    approved = RegistrationSheet.objects.filter(state=SheetStatus.APPROVED).values("pk")
    return Q(sheet__isnull=True) | Q(sheet__in=approved)


def counted_registrations() -> QuerySet[Registration]:
    """The registrations the rules engine counts (`counted`)."""
    return Registration.objects.filter(counted())


def movement_get(pk: int | str | None, among: list[Movement] = ()) -> Movement | None:
    """The movement named by a page's `phong-trao` parameter, taken from AMONG when there
    (the movements the page already holds); 404 when it names none. Movements are launched
    by published documents: naming one reveals nothing."""
    if pk in (None, ""):
        return None
    if not str(pk).isdigit():
        raise Http404
    movement = next((m for m in among if m.pk == int(pk)), None)
    if movement is None:
        movement = Movement.objects.select_related("organiser").filter(pk=int(pk)).first()
    if movement is None:
        raise Http404
    return movement


def sheet_find(unit: Unit, year: int, movement: Movement | None = None) -> RegistrationSheet | None:
    qs = RegistrationSheet.objects.select_related("unit", "movement", "submitted_by", "approved_by")
    return qs.filter(unit=unit, year=year, movement=movement).first()


def sheet_for_subject(unit: Unit, year: int) -> RegistrationSheet | None:
    """The sheet a registration typed on a person's or a unit's own page goes into: the
    unit's general sheet of the year, else its most recent movement sheet, else none."""
    return (RegistrationSheet.objects.select_related("unit", "movement")
            .filter(unit=unit, year=year).order_by(F("movement").asc(nulls_first=True), "-id").first())


# --- deadlines and participants ----------------------------------------------------------


def deadline_passed(movement: Movement | None, today: dt.date | None = None) -> bool:
    """True once the day after MOVEMENT's registration deadline has begun."""
    if movement is None or movement.registration_deadline is None:
        return False
    return (today or timezone.localdate()) > movement.registration_deadline


def movement_covers_year(movement: Movement, year: int) -> bool:
    last = movement.ends_on.year if movement.ends_on else movement.year
    return movement.year <= year <= max(last, movement.year)


def movements_for_unit(unit: Unit, year: int) -> list[Movement]:
    """The movements of YEAR that UNIT takes part in, organised nearest the top first
    (three queries whatever their number). A page needing them more than once asks once
    and passes them on (`default_movement`, `movement_get`)."""
    movements = list(
        Movement.objects.filter(organiser__path__in=ancestor_paths(unit.path, include_self=False), year__lte=year)
        .filter(Q(year=year) | Q(ends_on__year__gte=year))
        .select_related("organiser").order_by("organiser__depth", "-year", "name")
    )
    if not movements:
        return []
    reaches = participation.reaches(movements, year)
    return [m for m in movements if reaches[m.pk].includes(unit)]


def default_movement(unit: Unit, year: int, movements: list[Movement]) -> Movement | None:
    """The movement a unit's sheet page opens on when none is asked for: none when the unit
    already keeps a general sheet for YEAR, else the yearly movement among MOVEMENTS (the
    unit's, `movements_for_unit`) launched highest up, so the officer lands where the
    province expects the sheet."""
    yearly = next((m for m in movements if m.kind == MovementKind.THUONG_XUYEN), None)
    if yearly is None or RegistrationSheet.objects.filter(unit=unit, year=year, movement__isnull=True).exists():
        return None
    return yearly


def movements_around(unit: Unit, year: int) -> list[Movement]:
    """The movements of YEAR organised above UNIT or inside its subtree: the choices of a
    list page's movement filter."""
    return list(
        Movement.objects.filter(Q(organiser__path__in=ancestor_paths(unit.path))
                                | Q(organiser__path__startswith=unit.path))
        .filter(year__lte=year).filter(Q(year=year) | Q(ends_on__year__gte=year))
        .select_related("organiser").order_by("organiser__depth", "name")
    )


def sheets_under(year: int, movement: Movement | None) -> QuerySet[RegistrationSheet]:
    """The sheets that answer for YEAR (and MOVEMENT): without a movement, every sheet of the
    year; with a regular yearly movement, also the units' general sheets of that year."""
    return RegistrationSheet.objects.filter(sheets_under_q(year, movement))


def sheets_under_q(year: int, movement: Movement | None, prefix: str = "") -> Q:
    """`sheets_under` as a condition on sheets reached through PREFIX ("registration_sheets__"
    from a unit)."""
    cond = Q(**{f"{prefix}year": year})
    if movement is None:
        return cond
    under = Q(**{f"{prefix}movement": movement})
    if movement.kind == MovementKind.THUONG_XUYEN:
        under |= Q(**{f"{prefix}movement__isnull": True})
    return cond & under


# --- the sheet page -------------------------------------------------------------------------


@dataclass
class Cell:
    code: str
    name: str
    checked: bool
    elsewhere: str = ""  # where the subject already registered this code, when not here

    @property
    def short(self) -> str:
        return short_name(self.code)


@dataclass
class Line:
    """One subject of the sheet: the unit itself (person None) or one of its people."""

    person: Person | None
    cells: list[Cell]
    note: str = ""

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.cells if c.checked]


@dataclass
class SheetContent:
    unit_line: Line
    people: list[Line]
    # People registered on this sheet who have since left the unit: kept as registered.
    former: list[tuple[Person, list[str]]] = field(default_factory=list)
    individual_codes: list[tuple[str, str]] = field(default_factory=list)
    collective_codes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = {code: 0 for code, _name in self.individual_codes}
        for line in self.people:
            for code in line.codes:
                out[code] = out.get(code, 0) + 1
        return out

    @property
    def total(self) -> int:
        return len(self.unit_line.codes) + sum(len(line.codes) for line in self.people)

    def overlay(self, unit_codes: list[str], person_codes: dict[int, list[str]], notes: dict[int, str]) -> None:
        """Show what the user sent rather than what is saved (a refused save keeps their ticks)."""
        for cell in self.unit_line.cells:
            cell.checked = cell.code in unit_codes and not cell.elsewhere
        for line in self.people:
            wanted = person_codes.get(line.person.pk, [])
            for cell in line.cells:
                cell.checked = cell.code in wanted and not cell.elsewhere
            line.note = notes.get(line.person.pk, line.note)


def where_label(reg: Registration, unit: Unit) -> str:
    """Where REG lives, as seen from UNIT's sheet, with its preposition: "tại «another unit»",
    or "trong" one of UNIT's other sheets."""
    sheet = reg.sheet
    if sheet is None or sheet.unit_id != unit.pk:
        return _("tại «%s»") % (sheet.unit.name if sheet is not None else reg.unit.name)
    if sheet.movement_id:
        return _("trong bản đăng ký theo phong trào «%s» của đơn vị") % sheet.movement.name
    return _("trong bản đăng ký chung năm %s của đơn vị") % sheet.year


def sheet_content(unit: Unit, year: int, sheet: RegistrationSheet | None, *, sector: str | bool | None = False
                  ) -> SheetContent:
    """What UNIT's sheet for YEAR holds, subject by subject, in four queries whatever the
    number of people: what is on SHEET, plus what its subjects registered without a sheet
    (entered before sheets existed: shown ticked, taken into the sheet at the next save),
    plus where they registered elsewhere (shown, not editable here). Only the titles UNIT's
    SECTOR may receive are offered (read from the tree when the caller does not have it)."""
    sector = effective_sector(unit) if sector is False else sector
    limited = kind_sectors() if sector else {}
    individual = registrable_codes("individual", sector, limited)
    collective = registrable_codes("collective", sector, limited)
    people = list(
        Person.objects.filter(current_unit=unit).only("id", "full_name", "search_key", "birth_date", "position",
                                                      "current_unit_id")
        .order_by("search_key", "id")
    )
    # Each branch reads one unit's rows through its own index (the people's ids just read,
    # the unit's own registrations, the sheet's), so the cost follows the unit, not the
    # province: a join to people here made the database read every registration of the
    # year and every person (issue 10, finding 10).
    subjects = Q(person_id__in=[p.pk for p in people]) | Q(person__isnull=True, unit=unit)
    if sheet is not None:
        subjects |= Q(sheet=sheet)
    regs = list(Registration.objects.filter(subjects, year=year).select_related("person"))
    mine: dict[int | None, dict[str, Registration]] = {}
    elsewhere: dict[int | None, dict[str, str]] = {}
    former: dict[int, tuple[Person, list[str]]] = {}
    here = sheet.pk if sheet is not None else None
    # The other sheets named beside a tick ("already in …"), read by their keys when there are any.
    away = {reg.sheet_id for reg in regs if reg.sheet_id not in (None, here)}
    sheets = RegistrationSheet.objects.select_related("unit", "movement").in_bulk(away) if away else {}
    for reg in regs:
        if reg.sheet_id in sheets:
            reg.sheet = sheets[reg.sheet_id]
        if reg.person_id is not None and reg.person.current_unit_id != unit.pk:
            former.setdefault(reg.person_id, (reg.person, []))[1].append(reg.code)
        elif reg.sheet_id is None or reg.sheet_id == here:
            mine.setdefault(reg.person_id, {})[reg.code] = reg
        else:
            elsewhere.setdefault(reg.person_id, {})[reg.code] = where_label(reg, unit)

    def line(person: Person | None, codes) -> Line:
        key = person.pk if person is not None else None
        held, away = mine.get(key, {}), elsewhere.get(key, {})
        note = next((r.note for r in held.values() if r.note), "")
        return Line(person, [Cell(code, name, code in held, away.get(code, "")) for code, name in codes], note)

    return SheetContent(
        unit_line=line(None, collective),
        people=[line(p, individual) for p in people],
        former=sorted(former.values(), key=lambda f: f[0].search_key),
        individual_codes=individual, collective_codes=collective,
    )


# --- lists ----------------------------------------------------------------------------------


def sheets_in(user, root: Unit, year: int, movement: Movement | None, *, status: str = "") \
        -> QuerySet[RegistrationSheet]:
    """The sheets of ROOT's subtree in USER's scope for YEAR (and MOVEMENT), in tree order."""
    sheets = access.scope(user, SHEET_VIEW, sheets_under(year, movement).filter(unit__path__startswith=root.path))
    if status:
        sheets = sheets.filter(state=status)
    return sheets.select_related("unit", "movement", "submitted_by", "approved_by").order_by("unit__path", "id")


def code_counts(sheet_ids) -> dict[int, dict[str, int]]:
    """sheet pk → code → registrations, for the sheets SHEET_IDS (a list or a queryset)."""
    out: dict[int, dict[str, int]] = {}
    rows = Registration.objects.filter(sheet__in=sheet_ids).values_list("sheet_id", "code").annotate(n=Count("id"))
    for sheet_id, code, n in rows.order_by():
        out.setdefault(sheet_id, {})[code] = n
    return out


def registered_for(user, root: Unit, year: int, code: str, *, unit: Unit | None = None,
                   approved_only: bool = False) -> QuerySet[Registration]:
    """Everyone (people, or units for a collective title) in ROOT's subtree and USER's scope
    registered for CODE in YEAR, by unit then name; UNIT narrows to one unit's subtree."""
    base = (unit or root).path
    qs = access.scope(user, Perm.PEOPLE_VIEW, Registration.objects.filter(year=year, code=code,
                                                                          unit__path__startswith=base))
    if approved_only:
        qs = qs.filter(counted())
    return qs.select_related("person", "unit", "sheet", "sheet__movement").order_by(
        "unit__path", "person__search_key", "id")


def unit_in(user, root: Unit, pk: str) -> Unit | None:
    """The unit a list's filter names (`don-vi`, chosen with the unit picker): one of ROOT's
    subtree whose registrations USER may read; None when it names none of those."""
    if not str(pk).isdigit():
        return None
    return access.scope(user, SHEET_VIEW, Unit.objects.filter(path__startswith=root.path)).filter(pk=int(pk)).first()


def missing_units(user, root: Unit, year: int, movement: Movement | None) -> QuerySet[Unit]:
    """Units of ROOT's subtree in USER's scope expected to register for YEAR (and MOVEMENT)
    that have no approved sheet yet, with the state of the sheet they have, if any, and
    their head count. Without a movement, the expected units are the active ones with
    people; with one, its participants (`movements.participation`)."""
    if movement is not None:
        units = participation.units(movement, year)
    else:
        units = Unit.objects.filter(Exists(Person.objects.filter(current_unit=OuterRef("pk"))),
                                    active_until__isnull=True)
    units = access.scope(user, SHEET_VIEW, units.filter(path__startswith=root.path))
    sheets = sheets_under(year, movement).filter(unit=OuterRef("pk"))
    people = (Person.objects.filter(current_unit=OuterRef("pk")).order_by().values("current_unit")
              .annotate(n=Count("id")).values("n"))
    return (units.exclude(Exists(sheets.filter(state=SheetStatus.APPROVED)))
            .annotate(sheet_status=Subquery(sheets.order_by("-id").values("state")[:1]),
                      n_people=Subquery(people[:1]))
            .order_by("path"))
