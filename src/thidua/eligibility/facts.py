"""Turn what the database knows about people and units into engine cases (DESIGN.md §6).

Loading is by subject set, a fixed handful of queries whatever its size, so a whole
province can be scanned: each query streams plain tuples and the cases are assembled in
memory as `thidua.rules.Case` values (the engine's own types: no JSON round trip).
Nothing here decides eligibility: that is `thidua.rules`.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from thidua import rules
from thidua.awards.models import Award
from thidua.awards.selectors import EMPTY_FACTS, awards_for_facts
from thidua.catalog.models import SubjectKind
from thidua.org.models import Unit
from thidua.people.models import Discipline, DisciplineForm, Evaluation, Person
from thidua.registrations.selectors import counted_registrations
from thidua.rules.facts import year_facts_unchecked

# A civil servant's discipline takes effect for 12 months when the decision names no end
# (Law on Cadres and Civil Servants Art. 82); achievements count again only after (R-P6).
DISCIPLINE_EFFECT = dt.timedelta(days=365)
WARNING_OR_HEAVIER = frozenset(f for f in DisciplineForm.values if f != DisciplineForm.KHIEN_TRACH)
# The longest chain a rule reads (HCLĐ after BK TTg after BK tỉnh) spans about ten years.
HISTORY_YEARS = 11
COMPLETED = frozenset({"HTXSNV", "HTTNV", "HTNV"})
_SEVERITY = list(DisciplineForm.values)  # lightest first


@dataclass
class Subject:
    """Who a case is about, for pages and the scan's output."""

    pk: int
    kind: str
    name: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": str(self.pk), "name": self.name}


@dataclass
class _Year:
    year: int
    rating: str | None = None
    months: int | None = None
    disciplined: bool = False
    level: str | None = None
    registered: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    members: rules.Members | None = None

    def facts(self) -> rules.YearFacts:
        return year_facts_unchecked(self.year, self.rating, self.months, self.disciplined, self.level,
                                    self.registered, self.titles, tuple(self.initiatives), self.members)


def _years_touched(decided_on: dt.date, until: dt.date | None) -> range:
    end = until or (decided_on + DISCIPLINE_EFFECT)
    return range(decided_on.year, end.year + 1)


def _at(history: dict[int, _Year], year: int) -> _Year:
    entry = history.get(year)
    if entry is None:
        entry = history[year] = _Year(year)
    return entry


def _initiatives_by_year(items: list[dict], first_year: int, year: int) -> dict[int, list[rules.Initiative]]:
    """Ledger initiatives as engine facts, grouped by the year they belong to."""
    by_year: dict[int, list[rules.Initiative]] = {}
    for item in items:
        recognized = item["recognized_on"]
        y = item["year"] or (recognized.year if recognized else None)
        if y is not None and recognized is not None and first_year <= y <= year:
            by_year.setdefault(y, []).append(rules.Initiative(
                scope=item["scope"], recognized_on=recognized, id=str(item["id"]), used_for=item["used_for"] or None))
    return by_year


def _ledger(history: dict[int, _Year], ledger: dict, first_year: int, year: int) -> tuple[rules.PriorAward, ...]:
    for y, codes in ledger["titles"].items():
        if first_year <= y <= year:
            _at(history, y).titles.extend(codes)
    for y, initiatives in _initiatives_by_year(ledger["initiatives"], first_year, year).items():
        _at(history, y).initiatives.extend(initiatives)
    return _prior_awards(ledger["awards"])


def _string_agg(column: str) -> str:
    return f"string_agg({column}, ',')" if connection.vendor == "postgresql" else f"group_concat({column}, ',')"


def _person_year_rows(ids: QuerySet, first_year: int, year: int) -> list[tuple]:
    """(person, year, rating, months, registered codes, title codes) for every person-year
    of IDS with a rating, a registration or a title, ordered by person then year. A
    registration counts as the engine counts it: the registrations branch is the SQL of
    `counted_registrations()` itself, so the rule has one statement (ADR 0004).

    The database joins the three tables and folds each person-year's codes into one
    comma-joined string: a province has ~1.6 million such rows and ~560,000 person-years,
    and Python's per-row cost is what a scan pays for; the ORM cannot express a grouped
    union, hence the SQL, built from the models' own table names and compiled querysets.
    """
    ids_sql, ids_params = ids.query.sql_with_params()
    registered = (counted_registrations().filter(person__in=ids, year__gte=first_year, year__lte=year)
                  .order_by().values(r_person=F("person_id"), r_year=F("year"), r_code=F("code")))
    reg_sql, reg_params = registered.query.sql_with_params()
    evaluation = Evaluation._meta.db_table
    award = Award._meta.db_table
    sql = f"""
        SELECT s.person_id, s.year, MAX(s.rating), MAX(s.months), {_string_agg("s.reg")}, {_string_agg("s.title")}
        FROM (
            SELECT person_id, year, rating, months_worked AS months, NULL AS reg, NULL AS title
              FROM {evaluation} WHERE person_id IN ({ids_sql}) AND year BETWEEN %s AND %s
            UNION ALL
            SELECT r.r_person, r.r_year, NULL, NULL, r.r_code, NULL FROM ({reg_sql}) r
            UNION ALL
            SELECT person_id, year, NULL, NULL, NULL, kind
              FROM {award} WHERE person_id IN ({ids_sql}) AND year BETWEEN %s AND %s
               AND is_title AND NOT revoked AND subject_kind = %s
        ) s
        GROUP BY s.person_id, s.year
        ORDER BY s.person_id, s.year"""  # noqa: S608 -- table names from _meta; values are parameters
    window = (first_year, year)
    params = (*ids_params, *window, *reg_params, *ids_params, *window, SubjectKind.INDIVIDUAL)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _split(codes: str | None) -> tuple[str, ...]:
    return tuple(sorted(codes.split(","))) if codes else ()


def _person_year(row: tuple, disciplined: bool = False, level: str | None = None,
                 initiatives: tuple = ()) -> rules.YearFacts:
    _pid, y, rating, months, registered, titles = row
    return year_facts_unchecked(y, rating, months, disciplined, level, _split(registered), _split(titles),
                                initiatives, None)


def _special_history(rows: list[tuple], pid: int, disciplines: dict[int, str], initiatives: dict[int, list],
                     ) -> tuple[rules.YearFacts, ...]:
    """A history with a discipline or an initiative: its own values, built one by one."""
    by_year = {row[1]: row for row in rows}
    years = sorted(by_year.keys() | disciplines.keys() | initiatives.keys())
    return tuple(
        _person_year(by_year.get(y) or (pid, y, None, None, None, None), y in disciplines, disciplines.get(y),
                     tuple(initiatives.get(y, ())))
        for y in years
    )


def person_cases(people: QuerySet[Person], year: int) -> tuple[dict[int, rules.Case], dict[int, Subject]]:
    """Engine cases for every person of PEOPLE (already scoped), judged for YEAR."""
    if people.query.is_empty():  # a scope with no people (`.none()`) has no SQL to build on
        return {}, {}
    first_year = year - HISTORY_YEARS + 1
    ids = people.values("pk")
    disciplines: dict[int, dict[int, str]] = defaultdict(dict)
    for pid, decided_on, until, form in Discipline.objects.filter(person__in=ids).values_list(
            "person_id", "decided_on", "effective_until", "form"):
        for y in _years_touched(decided_on, until):
            if first_year <= y <= year:
                # A year with two disciplines shows the heavier form.
                disciplines[pid][y] = max(form, disciplines[pid].get(y, form), key=_SEVERITY.index)
    ledger = awards_for_facts(person_ids=ids, titles=False)["persons"]
    initiatives = {pid: by_year for pid, facts in ledger.items()
                   if (by_year := _initiatives_by_year(facts["initiatives"], first_year, year))}
    # YearFacts are immutable values and a province repeats the same few thousand of them
    # (a year rated HTTNV, registered and awarded LĐTT…): each is built once and shared.
    shared: dict[tuple, rules.YearFacts] = {}
    histories: dict[int, tuple[rules.YearFacts, ...]] = {}
    special: dict[int, list[tuple]] = {pid: [] for pid in disciplines.keys() | initiatives.keys()}
    for pid, group in groupby(_person_year_rows(ids, first_year, year), key=itemgetter(0)):
        if pid in special:
            special[pid] = list(group)
            continue
        history = []
        for row in group:
            key = row[1:]
            entry = shared.get(key)
            if entry is None:
                entry = shared[key] = _person_year(row)
            history.append(entry)
        histories[pid] = tuple(history)
    for pid, rows in special.items():
        histories[pid] = _special_history(rows, pid, disciplines.get(pid, {}), initiatives.get(pid, {}))
    cases, subjects = {}, {}
    for pid, name in people.values_list("pk", "full_name").iterator(chunk_size=20000):
        cases[pid] = rules.Case(year=year, subject_kind="individual", history=histories.get(pid, ()),
                                awards=_prior_awards(ledger.get(pid, EMPTY_FACTS)["awards"]))
        subjects[pid] = Subject(pid, "individual", name)
    return cases, subjects


def _prior_awards(awards: list[dict]) -> tuple[rules.PriorAward, ...]:
    return tuple(
        rules.PriorAward(code=a["code"], decided_on=a["decided_on"], type=a["type"],
                         period=tuple(a["period"]) if a["period"] else None, revoked=bool(a["revoked"]))
        for a in awards if a["decided_on"] is not None
    )


def unit_cases(units: QuerySet[Unit], year: int, *, member_history: bool = True,
               ) -> tuple[dict[int, rules.Case], dict[int, Subject]]:
    """Engine cases for every unit of UNITS as a collective, with its members' facts.

    Members of a unit in a year are the people rated in it that year (the rating keeps the
    unit they worked in), so a transfer moves a person's weight to the right collective.
    MEMBER_HISTORY=False gives the members' facts of YEAR only: the engine reads members
    only in the year it judges (a title of an earlier year counts when recorded,
    `rules.context.Context.holds`), so the verdicts are the same
    (tests/eligibility/test_unit_cases.py) for a tenth of the reading — what a subtree's
    list needs; a path, which projects years ahead, keeps the whole history.
    """
    if units.query.is_empty():
        return {}, {}
    first_year = year - HISTORY_YEARS + 1
    members_from = first_year if member_history else year
    ids = units.values("pk")
    histories: dict[int, dict[int, _Year]] = defaultdict(dict)
    own = Evaluation.objects.filter(unit__in=ids, person__isnull=True, year__gte=first_year, year__lte=year)
    for uid, y, rating in own.values_list("unit_id", "year", "rating").iterator(chunk_size=20000):
        entry = _at(histories[uid], y)
        entry.rating, entry.months = rating, 12
    # Members' counts are aggregated by the database: a unit-year is one row, not its staff.
    members: dict[tuple[int, int], dict[str, Any]] = {}
    member_rows = Evaluation.objects.filter(unit__in=ids, person__isnull=False, year__gte=members_from,
                                            year__lte=year)
    for uid, y, total, completed in (member_rows.values_list("unit_id", "year")
                                     .annotate(total=Count("id"), done=Count("id", filter=Q(rating__in=COMPLETED)))
                                     .order_by()):
        members[(uid, y)] = {"total": total, "completed": completed, "titles": {}, "disciplined": 0}
    titles = Award.objects.filter(held_unit__in=ids, person__isnull=False, subject_kind="individual", is_title=True,
                                  revoked=False, year__gte=members_from, year__lte=year)
    for uid, y, code, n in titles.values_list("held_unit_id", "year", "kind").annotate(n=Count("id")).order_by():
        if (uid, y) in members:
            members[(uid, y)]["titles"][code] = n
    warned = Discipline.objects.filter(person_id__in=member_rows.values("person_id"), form__in=WARNING_OR_HEAVIER)
    warned_years = {(pid, y) for pid, decided_on, until in warned.values_list("person_id", "decided_on",
                                                                            "effective_until")
                    for y in _years_touched(decided_on, until)}
    if warned_years:
        pids = {pid for pid, _y in warned_years}
        for uid, y, pid in member_rows.filter(person_id__in=pids).values_list("unit_id", "year", "person_id"):
            members[(uid, y)]["disciplined"] += (pid, y) in warned_years
    for (uid, y), m in members.items():
        _at(histories[uid], y).members = rules.Members(
            total=m["total"], completed=m["completed"], titles=tuple(sorted(m["titles"].items())),
            disciplined=m["disciplined"])
    regs = counted_registrations().filter(unit__in=ids, person__isnull=True, year__gte=first_year, year__lte=year)
    for uid, y, code in regs.values_list("unit_id", "year", "code").iterator(chunk_size=20000):
        _at(histories[uid], y).registered.append(code)
    ledger = awards_for_facts(unit_ids=ids)["units"]
    cases, subjects = {}, {}
    for uid, name, kind in units.values_list("pk", "name", "kind").iterator(chunk_size=20000):
        history = histories.get(uid, {})
        awards = _ledger(history, ledger.get(uid, EMPTY_FACTS), first_year, year)
        cases[uid] = rules.Case(year=year, subject_kind="collective", community=kind == "thon_tdp",
                                history=tuple(e.facts() for e in history.values()), awards=awards)
        subjects[uid] = Subject(uid, "collective", name)
    return cases, subjects
