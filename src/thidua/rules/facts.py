"""The facts of one subject, as the engine reads them (DESIGN.md §6).

All classes are frozen: a case is a value, so verdicts can be cached and compared.
Build them with `thidua.rules.case_from_dict`, which validates; constructing them by
hand skips validation and is meant for tests and the Django loader.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Initiative:
    """A recognised initiative (sáng kiến). `used_for` names the award it already served for:
    such an initiative is consumed and counts for nothing else (LAW.md R-P10)."""

    scope: str
    recognized_on: dt.date
    id: str | None = None
    used_for: str | None = None

    @property
    def year(self) -> int:
        return self.recognized_on.year


@dataclass(frozen=True)
class Members:
    """What a collective's members achieved in one year.

    `completed` counts members rated HTNV or better; `titles` maps a title code to how many
    members hold it (a member who is CSTĐCS and LĐTT is counted under both); `disciplined`
    counts members disciplined that year at warning level (cảnh cáo) or heavier.
    """

    total: int
    completed: int | None = None
    titles: tuple[tuple[str, int], ...] = ()
    disciplined: int | None = None

    def title_count(self, *codes: str) -> int:
        held = dict(self.titles)
        return sum(held.get(code, 0) for code in codes)


@dataclass(frozen=True)
class YearFacts:
    """One year of a subject's history. A year absent from the history is a year with nothing.

    `months_worked` excludes statutory maternity leave, which `maternity_months` carries
    separately because it counts as time worked (Decree 152/2025 Art. 4(5)).
    """

    year: int
    rating: str | None = None
    months_worked: int | None = None
    disciplined: bool = False
    discipline_level: str | None = None
    maternity_months: int = 0
    registered: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    initiatives: tuple[Initiative, ...] = ()
    members: Members | None = None


_FROZENSETS: dict[tuple[str, ...], frozenset[str]] = {}


def _codes(items) -> frozenset[str]:
    """One shared frozenset per distinct list of codes: a province repeats a few combinations."""
    key = tuple(items)
    found = _FROZENSETS.get(key)
    if found is None:
        found = frozenset(key)
        if len(_FROZENSETS) < 4096:
            _FROZENSETS[key] = found
    return found


def year_facts_unchecked(year: int, rating: str | None, months_worked: int | None, disciplined: bool,
                         discipline_level: str | None, registered, titles, initiatives: tuple,
                         members: "Members | None") -> YearFacts:
    """A YearFacts built without the dataclass's per-field frozen set-up: for the Django loader,
    whose values come from validated database columns, hundreds of thousands at a time."""
    entry = object.__new__(YearFacts)
    entry.__dict__.update(year=year, rating=rating, months_worked=months_worked, disciplined=disciplined,
                          discipline_level=discipline_level, maternity_months=0, registered=_codes(registered),
                          titles=_codes(titles), initiatives=initiatives, members=members)
    return entry


@dataclass(frozen=True)
class PriorAward:
    """A commendation already decided. `period` is the achievement period the decision names
    (first, last year), None when it names none; `type` is the Law Art. 8 commendation type."""

    code: str
    decided_on: dt.date
    type: str = "cong_trang"
    period: tuple[int, int] | None = None
    revoked: bool = False


@dataclass(frozen=True)
class Case:
    """Everything the engine knows about one subject, judged for the year `year` at its end."""

    year: int
    subject_kind: str
    frozen: bool = False
    armed_forces: bool = False
    community: bool = False
    ruleset: str | None = None
    history: tuple[YearFacts, ...] = ()
    awards: tuple[PriorAward, ...] = ()
    _by_year: Mapping[int, YearFacts] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        # History is kept sorted so that nothing downstream depends on input order.
        ordered = tuple(sorted(self.history, key=lambda entry: entry.year))
        object.__setattr__(self, "history", ordered)
        object.__setattr__(self, "awards", tuple(sorted(self.awards, key=_award_sort_key)))
        object.__setattr__(self, "_by_year", {entry.year: entry for entry in ordered})

    def entry(self, year: int) -> YearFacts:
        """The facts of `year`; an empty record when the history has no entry for it."""
        found = self._by_year.get(year)
        return found if found is not None else _empty_year(year)

    def has_entry(self, year: int) -> bool:
        return year in self._by_year


_EMPTY_YEARS: dict[int, YearFacts] = {}


def _empty_year(year: int) -> YearFacts:
    """The record of a year with nothing; a value, so one per year is shared by every case."""
    found = _EMPTY_YEARS.get(year)
    if found is None:
        found = YearFacts(year=year)
        if len(_EMPTY_YEARS) < 4096:
            _EMPTY_YEARS[year] = found
    return found


def _award_sort_key(award: PriorAward):
    return (award.decided_on, award.code, award.period or (0, 0), award.type, award.revoked)
