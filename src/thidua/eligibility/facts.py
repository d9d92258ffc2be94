"""Turn what the database knows about people and units into engine cases (DESIGN.md §6).

Loading is by subject set, a fixed handful of queries whatever its size, so a whole
province can be scanned: each query streams plain tuples and the cases are assembled in
memory. Nothing here decides eligibility: that is `thidua.rules`.
"""

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.awards.models import Award
from thidua.awards.selectors import EMPTY_FACTS, awards_for_facts
from thidua.org.models import Unit
from thidua.people.models import Discipline, DisciplineForm, Evaluation, Person
from thidua.registrations.models import Registration

# A civil servant's discipline takes effect for 12 months when the decision names no end
# (Law on Cadres and Civil Servants Art. 82); achievements count again only after (R-P6).
DISCIPLINE_EFFECT = dt.timedelta(days=365)
WARNING_OR_HEAVIER = frozenset(f for f in DisciplineForm.values if f != DisciplineForm.KHIEN_TRACH)
# The longest chain a rule reads (HCLĐ after BK TTg after BK tỉnh) spans about ten years.
HISTORY_YEARS = 11
COMPLETED = frozenset({"HTXSNV", "HTTNV", "HTNV"})


def _years_touched(decided_on: dt.date, until: dt.date | None) -> range:
    end = until or (decided_on + DISCIPLINE_EFFECT)
    return range(decided_on.year, end.year + 1)


class _History:
    """Year entries of one subject, filled from several queries."""

    __slots__ = ("years",)

    def __init__(self):
        self.years: dict[int, dict[str, Any]] = {}

    def at(self, year: int) -> dict[str, Any]:
        entry = self.years.get(year)
        if entry is None:
            entry = self.years[year] = {"year": year, "disciplined": False}
        return entry

    def entries(self) -> list[dict[str, Any]]:
        return [self.years[y] for y in sorted(self.years)]


def _add_ledger(history: _History, ledger: dict, first_year: int, year: int) -> list[dict]:
    for y, codes in ledger["titles"].items():
        if first_year <= y <= year:
            history.at(y).setdefault("titles", []).extend(codes)
    for item in ledger["initiatives"]:
        y = item["year"] or (item["recognized_on"].year if item["recognized_on"] else None)
        if y is None or not (first_year <= y <= year):
            continue
        initiative = {"id": str(item["id"]), "scope": item["scope"]}
        if item["recognized_on"]:
            initiative["recognized_on"] = item["recognized_on"].isoformat()
        if item["used_for"]:
            initiative["used_for"] = item["used_for"]
        history.at(y).setdefault("initiatives", []).append(initiative)
    awards = []
    for a in ledger["awards"]:
        if a["decided_on"] is None:
            continue
        award = {"id": str(a["id"]), "code": a["code"], "decided_on": a["decided_on"].isoformat(), "type": a["type"]}
        if a["period"]:
            award["period"] = list(a["period"])
        if a["revoked"]:
            award["revoked"] = True
        awards.append(award)
    return awards


def person_cases(people: QuerySet[Person], year: int) -> dict[int, dict]:
    """Engine cases for every person of PEOPLE (already scoped), judged for YEAR."""
    first_year = year - HISTORY_YEARS + 1
    ids = people.values("pk")
    histories: dict[int, _History] = defaultdict(_History)
    rows = Evaluation.objects.filter(person__in=ids, year__gte=first_year, year__lte=year)
    for pid, y, rating, months in rows.values_list("person_id", "year", "rating", "months_worked").iterator(
            chunk_size=20000):
        entry = histories[pid].at(y)
        entry["rating"], entry["months_worked"] = rating, months
    for pid, decided_on, until, form in Discipline.objects.filter(person__in=ids).values_list(
            "person_id", "decided_on", "effective_until", "form"):
        for y in _years_touched(decided_on, until):
            if first_year <= y <= year:
                entry = histories[pid].at(y)
                entry["disciplined"] = True
                entry.setdefault("discipline_level", form)
    regs = Registration.objects.filter(person__in=ids, year__gte=first_year, year__lte=year)
    for pid, y, code in regs.values_list("person_id", "year", "code").iterator(chunk_size=20000):
        histories[pid].at(y).setdefault("registered", []).append(code)
    ledger = awards_for_facts(person_ids=ids)["persons"]
    cases = {}
    for pid, name in people.values_list("pk", "full_name").iterator(chunk_size=20000):
        history = histories.get(pid) or _History()
        awards = _add_ledger(history, ledger.get(pid, EMPTY_FACTS), first_year, year)
        cases[pid] = {"year": year, "subject": {"kind": "individual", "id": str(pid), "name": name},
                      "history": history.entries(), "awards": awards}
    return cases


def unit_cases(units: QuerySet[Unit], year: int) -> dict[int, dict]:
    """Engine cases for every unit of UNITS as a collective, with its members' facts.

    Members of a unit in a year are the people rated in it that year (the rating keeps the
    unit they worked in), so a transfer moves a person's weight to the right collective.
    """
    first_year = year - HISTORY_YEARS + 1
    ids = units.values("pk")
    histories: dict[int, _History] = defaultdict(_History)
    own = Evaluation.objects.filter(unit__in=ids, person__isnull=True, year__gte=first_year, year__lte=year)
    for uid, y, rating in own.values_list("unit_id", "year", "rating").iterator(chunk_size=20000):
        entry = histories[uid].at(y)
        entry["rating"], entry["months_worked"] = rating, 12
    # Members' counts are aggregated by the database: a unit-year is one row, not its staff.
    members: dict[tuple[int, int], dict[str, Any]] = {}
    member_rows = Evaluation.objects.filter(unit__in=ids, person__isnull=False, year__gte=first_year, year__lte=year)
    for uid, y, total, completed in (member_rows.values_list("unit_id", "year")
                                     .annotate(total=Count("id"), done=Count("id", filter=Q(rating__in=COMPLETED)))
                                     .order_by()):
        members[(uid, y)] = {"total": total, "completed": completed, "titles": {}, "disciplined": 0}
    titles = Award.objects.filter(held_unit__in=ids, person__isnull=False, subject_kind="individual", is_title=True,
                                  revoked=False, year__gte=first_year, year__lte=year)
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
        histories[uid].at(y)["members"] = m
    regs = Registration.objects.filter(unit__in=ids, person__isnull=True, year__gte=first_year, year__lte=year)
    for uid, y, code in regs.values_list("unit_id", "year", "code").iterator(chunk_size=20000):
        histories[uid].at(y).setdefault("registered", []).append(code)
    ledger = awards_for_facts(unit_ids=ids)["units"]
    cases = {}
    for uid, name, kind in units.values_list("pk", "name", "kind").iterator(chunk_size=20000):
        history = histories.get(uid) or _History()
        awards = _add_ledger(history, ledger.get(uid, EMPTY_FACTS), first_year, year)
        subject = {"kind": "collective", "id": str(uid), "name": name}
        if kind == "thon_tdp":
            subject["community"] = True
        cases[uid] = {"year": year, "subject": subject, "history": history.entries(), "awards": awards}
    return cases
