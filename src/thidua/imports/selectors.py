"""Reads for Excel imports: the units a user may import into and the database facts a file
is checked against (a few queries, whatever its length). A batch, its uploader's alone, is
fetched through its access policy (`imports.apps`)."""

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.awards.models import Award, Initiative
from thidua.awards.services import award_perm
from thidua.catalog.sectors import kind_sectors
from thidua.catalog.selectors import current_kinds
from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.text import fold
from thidua.imports import awards as award_sheet
from thidua.imports import registrations as reg_sheet
from thidua.imports.people import EvaluationInfo, LookupContext, Needs, PersonInfo, UnitInfo
from thidua.movements import participation
from thidua.movements.models import Movement
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.org.sectors import effective_sectors
from thidua.people import cccd
from thidua.people.models import Evaluation, Person
from thidua.registrations import selectors as reg_selectors
from thidua.registrations.models import Registration, RegistrationSheet
from thidua.rules.codes import AWARD_NAMES

# Below every database's limit on query parameters (SQLite's is the lowest).
_CHUNK = 500

# An import writes people and their ratings: it needs both rights over the unit.
IMPORT_PERMS = (Perm.PEOPLE_CHANGE, Perm.EVALUATION_CHANGE)


def _chunks(values: Iterable, size: int = _CHUNK) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def may_import_into(user, path: str) -> bool:
    return all(access.covers(user, perm, path) for perm in IMPORT_PERMS)


def may_import(user) -> bool:
    return all(access.has_any(user, perm) for perm in IMPORT_PERMS)


def import_units_for(user) -> list[Unit]:
    """The active units whose people and ratings USER may import, in tree order."""
    units = access.scope(user, Perm.PEOPLE_CHANGE, Unit.objects.filter(active_until__isnull=True))
    return [u for u in units.only("id", "code", "name", "path").order_by("path") if may_import_into(user, u.path)]


# Everything a row check needs about a person, fetched with their unit in one join.
_PERSON_FIELDS = ("id", "full_name", "search_key", "birth_date", "cccd", "current_unit__id", "current_unit__code",
                  "current_unit__name", "current_unit__path")


def _people() -> QuerySet[Person]:
    return Person.objects.select_related("current_unit").only(*_PERSON_FIELDS)


def _person_facts(p: Person) -> dict[str, Any]:
    """What every importer's checks know of P (`sheet.SheetPerson`), as `_people` loads them."""
    unit = p.current_unit
    return {"pk": p.pk, "full_name": p.full_name, "name_key": p.search_key, "birth_date": p.birth_date,
            "cccd": p.cccd, "unit_pk": unit.pk, "unit_code": unit.code, "unit_name": unit.name}


def _people_by_cccd(cccds, convert) -> dict:
    """CONVERT(person) for the owner of each CCCD. A CCCD is one person nationwide, so its
    owner is looked up everywhere: a file cannot create a second person with it, and the
    row is refused when the owner is out of scope."""
    found = {}
    for chunk in _chunks(cccds):
        for p in _people().filter(cccd__in=chunk):
            found[p.cccd] = convert(p)
    return found


def people_import_context(user, needs: Needs, *, today: dt.date | None = None) -> LookupContext:
    """Everything the file NEEDS checked against, for USER's scope: units, people by CCCD,
    people by name and their ratings — one query each per 500 values, never one per row."""
    allowed = functools.cache(lambda path: may_import_into(user, path))  # once per unit, not per row
    visible = functools.cache(lambda path: access.covers(user, Perm.PEOPLE_VIEW, path))
    units: dict[str, UnitInfo] = {}
    for codes in _chunks(needs.unit_codes):
        for u in Unit.objects.filter(code__in=codes).only("id", "code", "name", "path", "active_until"):
            units[u.code] = UnitInfo(pk=u.pk, code=u.code, name=u.name, path=u.path, active=u.active_until is None,
                                     allowed=allowed(u.path))

    def info(p: Person) -> PersonInfo:
        path = p.current_unit.path
        return PersonInfo(**_person_facts(p), allowed=allowed(path), visible=visible(path))

    people = _people()
    by_cccd: dict[str, PersonInfo] = _people_by_cccd(needs.cccds, info)

    by_key: dict[tuple, list[PersonInfo]] = {}
    allowed_unit_pks = [u.pk for u in units.values() if u.allowed]
    if allowed_unit_pks:
        for names in _chunks(needs.name_keys):
            for p in people.filter(search_key__in=names, current_unit__in=allowed_unit_pks).order_by("pk"):
                by_key.setdefault((p.search_key, p.birth_date, p.current_unit.pk), []).append(info(p))

    person_pks = {p.pk for p in by_cccd.values()} | {p.pk for ps in by_key.values() for p in ps}
    evaluations: dict[tuple[int, int], EvaluationInfo] = {}
    if needs.years:
        for pks in _chunks(person_pks):
            rows = Evaluation.objects.filter(person__in=pks, year__in=needs.years).values_list(
                "person_id", "year", "rating", "months_worked", "note")
            for person_id, year, rating, months, note in rows:
                evaluations[(person_id, year)] = EvaluationInfo(rating=rating, months_worked=months, note=note)

    return LookupContext(units=units, people_by_cccd=by_cccd, people_by_key=by_key, evaluations=evaluations,
                         current_year=(today or dt.date.today()).year,
                         cccd_refusals_left=max(0, cccd.REFUSALS_PER_DAY - cccd.refusals_today(user)))


# --- awards and initiatives ------------------------------------------------------------

_AWARD_IMPORT_PERMS = (Perm.AWARD_CHANGE, Perm.AWARD_CHANGE_ALL, Perm.INITIATIVE_CHANGE, Perm.PEOPLE_VIEW)


def _perms_over(user, path: str) -> frozenset[str]:
    return frozenset(p for p in _AWARD_IMPORT_PERMS if access.covers(user, p, path))


def may_import_awards(user) -> bool:
    return access.has_any(user, Perm.AWARD_CHANGE) or access.has_any(user, Perm.AWARD_CHANGE_ALL)


def may_import_initiatives(user) -> bool:
    return access.has_any(user, Perm.INITIATIVE_CHANGE)


def award_import_units_for(user, perm: str) -> list[Unit]:
    """The units (closed ones too: history) where USER holds PERM, in tree order."""
    return list(access.scope(user, perm, Unit.objects.all()).only("id", "code", "name", "path").order_by("path"))


def awards_import_context(user, needs, *, today: dt.date | None = None):
    """What an awards or initiatives sheet is checked against, in USER's scope: units,
    people by CCCD and by name, the catalog, and what the ledger already holds for them —
    one query each per 500 values, never one per row."""
    perms_over = functools.cache(lambda path: _perms_over(user, path))  # once per unit, not per row
    units: dict[str, award_sheet.UnitRef] = {}
    loaded: list[Unit] = []
    for codes in _chunks(needs.unit_codes):
        for u in Unit.objects.filter(code__in=codes).only("id", "code", "name", "path", "sector"):
            loaded.append(u)
            units[u.code] = award_sheet.UnitRef(pk=u.pk, code=u.code, name=u.name, path=u.path,
                                                perms=perms_over(u.path))

    def ref(p: Person) -> award_sheet.PersonRef:
        return award_sheet.PersonRef(**_person_facts(p), perms=perms_over(p.current_unit.path))

    people = _people()
    by_cccd: dict[str, award_sheet.PersonRef] = _people_by_cccd(needs.cccds, ref)
    by_name: dict[tuple[str, int], list[award_sheet.PersonRef]] = {}
    unit_pks = [u.pk for u in units.values() if u.perms]
    if unit_pks:
        for names in _chunks(needs.name_keys):
            for p in people.filter(search_key__in=names, current_unit__in=unit_pks).order_by("pk"):
                by_name.setdefault((p.search_key, p.current_unit.pk), []).append(ref(p))

    kinds = {
        code: award_sheet.KindRef(code=code, name=k.name, subjects=k.subjects, is_title=k.is_title,
                                  perm=award_perm(k), authority=k.authority_text, sectors=k.sectors)
        for code, k in current_kinds(today).items()
    }
    awards: dict[tuple[str, int, str, int], list[str]] = {}
    person_pks = {p.pk for p in by_cccd.values()} | {p.pk for ps in by_name.values() for p in ps}
    if needs.years:
        for pks in _chunks(person_pks):
            rows = Award.objects.filter(person__in=pks, year__in=needs.years, revoked=False).values_list(
                "subject_kind", "person_id", "kind", "year", "decision_number")
            for subject_kind, pk, kind, year, number in rows:
                awards.setdefault((subject_kind, pk, kind, year), []).append(number)
        for pks in _chunks(unit_pks):
            rows = Award.objects.filter(unit__in=pks, year__in=needs.years, revoked=False).values_list(
                "subject_kind", "unit_id", "kind", "year", "decision_number")
            for subject_kind, pk, kind, year, number in rows:
                awards.setdefault((subject_kind, pk, kind, year), []).append(number)
    initiatives: set[tuple[int, str, int]] = set()
    if needs.titles:
        for pks in _chunks(unit_pks):
            rows = Initiative.objects.filter(unit__in=pks, year__in=needs.years).values_list("unit_id", "title", "year")
            initiatives.update((pk, fold(title), year) for pk, title, year in rows)
    return award_sheet.Context(units=units, people_by_cccd=by_cccd, people_by_name=by_name, kinds=kinds,
                               awards=awards, initiatives=initiatives, current_year=(today or dt.date.today()).year,
                               sectors=effective_sectors(loaded))


# --- registrations ----------------------------------------------------------------------


def may_import_registrations(user) -> bool:
    return access.has_any(user, Perm.REGISTRATION_CHANGE)


def registration_import_units_for(user) -> list[Unit]:
    """The active units whose sheets USER may fill, in tree order."""
    units = access.scope(user, Perm.REGISTRATION_CHANGE, Unit.objects.filter(active_until__isnull=True))
    return list(units.only("id", "code", "name", "path").order_by("path"))


def registration_import_movements(user, today: dt.date | None = None):
    """The movements of last year, this year and next year that USER's units may register
    under: organised at or above a unit USER registers for, or inside its subtree."""
    year = (today or timezone.localdate()).year
    movements = Movement.objects.filter(year__gte=year - 1, year__lte=year + 1).select_related("organiser")
    allowed = access.prefixes(user, Perm.REGISTRATION_CHANGE)
    if allowed is not None:
        if not allowed:
            return movements.none()
        cond = Q(organiser__path__in={ancestor for path in allowed for ancestor in ancestor_paths(path)})
        for path in allowed:
            cond |= Q(organiser__path__startswith=path)
        movements = movements.filter(cond)
    return movements.order_by("-year", "organiser__depth", "name")


def registrations_import_context(user, needs, *, movement=None, today: dt.date | None = None):
    """What a registrations sheet is checked against, in USER's scope: units, people by CCCD,
    by code and by name, the sheets the rows go to (under MOVEMENT), and what the people
    and units already registered on other sheets — one query each per 500 values."""
    today = today or timezone.localdate()
    units: dict[str, reg_sheet.UnitRef] = {}
    unit_objs: dict[int, Unit] = {}
    for codes in _chunks(needs.unit_codes):
        for u in Unit.objects.filter(code__in=codes).only("id", "code", "name", "path", "active_until"):
            units[u.code] = reg_sheet.UnitRef(pk=u.pk, code=u.code, name=u.name, path=u.path,
                                              active=u.active_until is None,
                                              may_change=access.covers(user, Perm.REGISTRATION_CHANGE, u.path),
                                              late=access.covers(user, Perm.REGISTRATION_LATE, u.path))
            unit_objs[u.pk] = u

    visible = functools.cache(lambda path: access.covers(user, Perm.REGISTRATION_CHANGE, path))  # once per unit

    def ref(p: Person) -> reg_sheet.PersonRef:
        return reg_sheet.PersonRef(**_person_facts(p), visible=visible(p.current_unit.path))

    people = _people()
    by_cccd: dict[str, reg_sheet.PersonRef] = _people_by_cccd(needs.cccds, ref)
    by_pk: dict[int, reg_sheet.PersonRef] = {}
    for pks in _chunks(needs.person_pks):
        by_pk.update({p.pk: ref(p) for p in people.filter(pk__in=pks)})
    allowed_pks = [u.pk for u in units.values() if u.may_change]
    by_name: dict[tuple[str, int], list[reg_sheet.PersonRef]] = {}
    if allowed_pks:
        for names in _chunks(needs.name_keys):
            for p in people.filter(search_key__in=names, current_unit__in=allowed_pks).order_by("pk"):
                by_name.setdefault((p.search_key, p.current_unit.pk), []).append(ref(p))

    years = sorted(needs.years)
    sheets: dict[tuple[int, int], reg_sheet.SheetRef] = {}
    if allowed_pks and years:
        for pks in _chunks(allowed_pks):
            for sheet in RegistrationSheet.objects.filter(unit__in=pks, year__in=years, movement=movement):
                sheets[(sheet.unit_id, sheet.year)] = reg_sheet.SheetRef(
                    pk=sheet.pk, status=sheet.state, status_label=str(sheet.get_state_display()))

    elsewhere: dict[tuple, str] = {}
    person_pks = {p.pk for p in by_cccd.values()} | set(by_pk) | {p.pk for ps in by_name.values() for p in ps}
    home: dict[int, int] = {p.pk: p.unit_pk for p in [*by_cccd.values(), *by_pk.values()]}
    home.update({p.pk: p.unit_pk for ps in by_name.values() for p in ps})
    if years:
        regs = Registration.objects.filter(year__in=years, sheet__isnull=False).select_related(
            "sheet__unit", "sheet__movement", "unit")
        found = []
        for pks in _chunks(person_pks):
            found.extend(regs.filter(person__in=pks))
        for pks in _chunks(allowed_pks):
            found.extend(regs.filter(person__isnull=True, unit__in=pks))
        for reg in found:
            unit_pk = home[reg.person_id] if reg.person_id else reg.unit_id
            target = sheets.get((unit_pk, reg.year))
            if target is None or reg.sheet_id != target.pk:
                seen_from = unit_objs.get(unit_pk) or reg.unit
                elsewhere[(reg.person_id, unit_pk, reg.year, reg.code)] = reg_selectors.where_label(reg, seen_from)

    movement_ref, taking_part = None, set()
    if movement is not None:
        movement_ref = reg_sheet.MovementRef(pk=movement.pk, organiser_pk=movement.organiser_id, name=movement.name,
                                             deadline=movement.registration_deadline,
                                             first_year=movement.year,
                                             last_year=max(movement.year,
                                                           movement.ends_on.year if movement.ends_on else 0))
        taking_part = participation.taking_part(movement, [unit_objs[pk] for pk in allowed_pks], years)
    return reg_sheet.Context(
        units=units, people_by_cccd=by_cccd, people_by_pk=by_pk, people_by_name=by_name, sheets=sheets,
        elsewhere=elsewhere, taking_part=taking_part,
        individual=dict(reg_selectors.registrable_codes("individual")),
        collective=dict(reg_selectors.registrable_codes("collective")),
        names=dict(AWARD_NAMES), movement=movement_ref, today=today,
        sectors=effective_sectors(unit_objs.values()), limited=kind_sectors(),
    )
