"""The qualified list as pages (ADR 0016): who qualifies is read from the stored verdicts,
so the database pages, counts, filters and sorts; the engine judges again only the people
of the page shown, for the reasons and articles each row opens on."""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua import rules
from thidua.core import access
from thidua.core.collector import no_gc
from thidua.core.roles import Perm
from thidua.core.text import search_tokens
from thidua.eligibility import verdicts
from thidua.eligibility.facts import person_cases, unit_cases
from thidua.eligibility.selectors import Row, ruleset_for
from thidua.org.models import Unit
from thidua.people.models import Person
from thidua.registrations.models import Registration
from thidua.rules.codes import TITLE_CODES
from thidua.rules.quotas import SHARE_LIMITS
from thidua.rules.registration import registration_codes

PAGE_SIZE = 50
# People judged per round when every row is written out (the Excel file).
EXPORT_CHUNK = 500


@dataclass
class Query:
    """What the officer asked for: the subtree, the year, the award kind, a name filter and
    the order ("ten": by name, "don-vi": the tree's order, a hospital's khoa together)."""

    unit: Unit
    year: int
    code: str
    q: str = ""
    by_unit: bool = False


class _Rows:
    """The list as a sequence the paginator slices: the qualifying units first (a subtree
    has few), then the qualifying people, read a page at a time and judged as read."""

    def __init__(self, units: list[Row], people: QuerySet[Person], judge):
        self.units, self.people, self.judge = units, people, judge

    @cached_property
    def n_people(self) -> int:
        return self.people.count()

    def count(self) -> int:
        return len(self.units) + self.n_people

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Row]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        head = self.units[start:stop]
        first, last = max(0, start - len(self.units)), stop - len(self.units)
        return head + (self.judge(list(self.people[first:last])) if last > first else [])


@dataclass
class Listing:
    page: Page
    excesses: list[rules.QuotaExcess]
    # Whether the rule judges people: the page says whom the user may not see.
    individual: bool

    @property
    def total(self) -> int:
        return self.page.paginator.count


def _people_holding(user, query: Query, ruleset: rules.RuleSet, code: str) -> QuerySet[Person]:
    """The people in scope under the unit whose stored verdict holds CODE, judged first if
    missing (a fact changed, or nobody asked for this year yet)."""
    people = access.scope(user, Perm.PEOPLE_VIEW,
                          Person.objects.filter(current_unit__path__startswith=query.unit.path))
    verdicts.fill(people, query.year, ruleset)
    holders = verdicts.judged(query.year, ruleset).filter(codes__contains=verdicts.holding(code))
    return people.filter(Exists(holders.filter(person_id=OuterRef("pk"))))


def _judge_people(people: list[Person], year: int, ruleset: rules.RuleSet, code: str,
                  over: set[str]) -> list[Row]:
    """The rows of PEOPLE with their verdicts on CODE, reasons and articles included."""
    if not people:
        return []
    cases, _subjects = person_cases(Person.objects.filter(pk__in=[p.pk for p in people]), year)
    answers = dict(zip(cases, rules.evaluate_many(list(cases.values()), ruleset, codes=[code]), strict=True))
    rows = []
    for person in people:
        verdict = answers[person.pk].verdict(code)
        rows.append(Row(person, verdict, over_quota=str(person.pk) in over))
    return rows


def _person_proposals(user, query: Query, ruleset: rules.RuleSet, wanted: list[str]) -> list[rules.Proposal]:
    """Everyone in scope proposed for a capped title or its base, from the stored verdicts
    alone: a quota counts the whole subtree, not the page."""
    if query.code not in SHARE_LIMITS:
        return []  # no share limit reads an individual title other than the capped ones
    holders = Q()
    for c in wanted:
        holders |= Q(codes__contains=verdicts.holding(c))
    people = access.scope(user, Perm.PEOPLE_VIEW,
                          Person.objects.filter(current_unit__path__startswith=query.unit.path))
    found = (verdicts.judged(query.year, ruleset).filter(holders, person__in=people)
             .order_by("person_id").values_list("person_id", "codes", "person__current_unit__name", "person__gender"))
    return [rules.Proposal(subject=str(pk), code=c, unit=unit_name, woman=gender == "nu")
            for c in wanted for pk, codes, unit_name, gender in found if verdicts.holding(c) in codes]


def _candidates(qs, ruleset: rules.RuleSet, codes: list[str], year: int, field: str):
    """Narrow QS to subjects that registered for one of CODES, when the rule set makes
    registration a condition of every title asked for: the engine would refuse the others."""
    if not ruleset.settings.get("registration_required") or not all(c in TITLE_CODES for c in codes):
        return qs
    # A registration for a higher title counts for the lower one it covers (CSTĐCS → LĐTT).
    accepted = set().union(*(registration_codes(ruleset, c) for c in codes))
    registered = Registration.objects.filter(year=year, code__in=accepted)
    if field == "person":
        return qs.filter(pk__in=registered.filter(person__isnull=False).values("person_id"))
    return qs.filter(pk__in=registered.filter(person__isnull=True).values("unit_id"))


def _unit_rows(user, query: Query, ruleset: rules.RuleSet, wanted: list[str]) -> dict[str, list[Row]]:
    """Qualifying units, judged live: a subtree holds a few hundred units, not thousands."""
    found: dict[str, list[Row]] = {c: [] for c in wanted}
    units = access.scope(user, Perm.ORG_VIEW, Unit.objects.filter(path__startswith=query.unit.path,
                                                                     active_until__isnull=True))
    units = {u.pk: u for u in _candidates(units, ruleset, wanted, query.year, "unit")}
    with no_gc():  # a province's units are ~10^5 small objects: the collector would walk them again and again
        cases, _subjects = unit_cases(Unit.objects.filter(pk__in=list(units)), query.year, member_history=False)
        pks = list(cases)
        answers = list(rules.evaluate_many([cases[pk] for pk in pks], ruleset, codes=wanted))
    for pk, answer in zip(pks, answers, strict=True):
        for c in wanted:
            verdict = answer.verdict(c)
            if verdict is not None and verdict.eligible:
                found[c].append(Row(units[pk], verdict))
    return found


def _filtered(people: QuerySet[Person], units: list[Row], query: Query) -> tuple[QuerySet[Person], list[Row]]:
    tokens = search_tokens(query.q)
    for token in tokens:
        people = people.filter(search_key__contains=token)
    units = [r for r in units if all(t in r.subject.search_key for t in tokens)]
    if query.by_unit:
        units.sort(key=lambda r: (r.unit.path, r.subject.search_key))
        return people.order_by("current_unit__path", "search_key", "pk"), units
    units.sort(key=lambda r: r.subject.search_key)
    return people.order_by("search_key", "pk"), units


def _parts(user, query: Query):
    """What a page and the export share: the rule set, the rows' sources and the quota."""
    ruleset = ruleset_for(query.year)
    rule = ruleset.rules[query.code]
    bases = SHARE_LIMITS.get(query.code, ((), ""))[0]
    wanted = [query.code, *(c for c in bases if c in ruleset.rules)]
    proposals, units = [], []
    people = Person.objects.none()
    if "individual" in rule.subjects:
        people = _people_holding(user, query, ruleset, query.code)
        proposals += _person_proposals(user, query, ruleset, wanted)
    if "collective" in rule.subjects:
        found = _unit_rows(user, query, ruleset, wanted)
        units = found[query.code]
        proposals += [rules.Proposal(subject=f"u{r.subject.pk}", code=c, unit=r.subject.name)
                      for c in wanted for r in found[c]]
    excesses = rules.check_quotas(ruleset, proposals)
    over = {s for e in excesses for s in e.over}
    for r in units:
        r.over_quota = f"u{r.subject.pk}" in over
    people, units = _filtered(people.select_related("current_unit"), units, query)
    return ruleset, rule, people, units, excesses, over


def qualified_page(user, query: Query, page: str | None) -> Listing:
    """One page of the qualified list of QUERY, its total and the quota check of the whole list."""
    ruleset, rule, people, units, excesses, over = _parts(user, query)
    people_over = {s for s in over if not s.startswith("u")}
    rows = _Rows(units, people, lambda chunk: _judge_people(chunk, query.year, ruleset, query.code, people_over))
    return Listing(Paginator(rows, PAGE_SIZE).get_page(page), excesses, "individual" in rule.subjects)


def qualified_rows(user, query: Query) -> Iterator[Row]:
    """Every row of the list, judged a chunk at a time: what the Excel file writes."""
    yield from _every_row(query, _parts(user, query))


def qualified_all(user, query: Query) -> tuple[list[Row], list[rules.QuotaExcess]]:
    """Every row of the list in one list, with the quota check: for the pages that offer the
    whole list to choose from (a dossier's "add from the qualified list") and the demo."""
    parts = _parts(user, query)
    return list(_every_row(query, parts)), parts[4]


def _every_row(query: Query, parts) -> Iterator[Row]:
    ruleset, _rule, people, units, _excesses, over = parts
    yield from units
    people_over = {s for s in over if not s.startswith("u")}
    chunk: list[Person] = []
    for person in people.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(person)
        if len(chunk) == EXPORT_CHUNK:
            yield from _judge_people(chunk, query.year, ruleset, query.code, people_over)
            chunk = []
    yield from _judge_people(chunk, query.year, ruleset, query.code, people_over)
