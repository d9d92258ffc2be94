"""Reads for Excel imports: the user's own batches, the units they may import into, and
the database facts a file is checked against (a few queries, whatever its length)."""

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import Http404

from thidua.accounts.roles import Perm
from thidua.core import access
from thidua.imports.models import ImportBatch
from thidua.imports.people import EvaluationInfo, LookupContext, Needs, PersonInfo, UnitInfo
from thidua.org.models import Unit
from thidua.people.models import Evaluation, Person

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


def batch_get_for(user, pk: int) -> ImportBatch:
    """USER's own batch; 404 for anybody else's, as for a missing one."""
    try:
        return ImportBatch.objects.get(pk=pk, created_by=user)
    except ImportBatch.DoesNotExist:
        raise Http404 from None


# Everything a row check needs about a person, fetched with their unit in one join.
_PERSON_FIELDS = ("id", "full_name", "search_key", "birth_date", "cccd", "current_unit__id", "current_unit__code",
                  "current_unit__name", "current_unit__path")


def _people() -> QuerySet[Person]:
    return Person.objects.select_related("current_unit").only(*_PERSON_FIELDS)


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
    units: dict[str, UnitInfo] = {}
    for codes in _chunks(needs.unit_codes):
        for u in Unit.objects.filter(code__in=codes).only("id", "code", "name", "path", "active_until"):
            units[u.code] = UnitInfo(pk=u.pk, code=u.code, name=u.name, path=u.path, active=u.active_until is None,
                                     allowed=may_import_into(user, u.path))

    def info(p: Person) -> PersonInfo:
        unit = p.current_unit
        return PersonInfo(pk=p.pk, full_name=p.full_name, name_key=p.search_key, birth_date=p.birth_date,
                          cccd=p.cccd, unit_pk=unit.pk, unit_code=unit.code, unit_name=unit.name,
                          allowed=may_import_into(user, unit.path))

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
                         current_year=(today or dt.date.today()).year)


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
    from thidua.awards.models import Award, Initiative
    from thidua.awards.services import award_perm
    from thidua.catalog.selectors import current_kinds
    from thidua.core.text import fold
    from thidua.imports.awards import Context, KindRef, PersonRef, UnitRef

    units: dict[str, UnitRef] = {}
    for codes in _chunks(needs.unit_codes):
        for u in Unit.objects.filter(code__in=codes).only("id", "code", "name", "path"):
            units[u.code] = UnitRef(pk=u.pk, code=u.code, name=u.name, path=u.path,
                                   perms=_perms_over(user, u.path))

    def ref(p: Person) -> PersonRef:
        unit = p.current_unit
        return PersonRef(pk=p.pk, full_name=p.full_name, name_key=p.search_key, birth_date=p.birth_date,
                         cccd=p.cccd, unit_pk=unit.pk, unit_code=unit.code, unit_name=unit.name,
                         perms=_perms_over(user, unit.path))

    people = _people()
    by_cccd: dict[str, PersonRef] = _people_by_cccd(needs.cccds, ref)
    by_name: dict[tuple[str, int], list[PersonRef]] = {}
    unit_pks = [u.pk for u in units.values() if u.perms]
    if unit_pks:
        for names in _chunks(needs.name_keys):
            for p in people.filter(search_key__in=names, current_unit__in=unit_pks).order_by("pk"):
                by_name.setdefault((p.search_key, p.current_unit.pk), []).append(ref(p))

    kinds = {
        code: KindRef(code=code, name=k.name, subjects=k.subjects, is_title=k.is_title, perm=award_perm(k),
                      authority=k.authority_text)
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
    return Context(units=units, people_by_cccd=by_cccd, people_by_name=by_name, kinds=kinds, awards=awards,
                   initiatives=initiatives, current_year=(today or dt.date.today()).year)
