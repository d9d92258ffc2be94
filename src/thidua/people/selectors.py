"""Reads of people, their history and ratings, always through the scope."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value

from thidua.core import access
from thidua.core.hooks import Hook
from thidua.core.roles import Perm
from thidua.core.selectors import EXACT, ranked
from thidua.core.years import evaluation_year as evaluation_year  # read by many apps from here
from thidua.org.models import Unit
from thidua.org.selectors import subtree_ids, within
from thidua.people.models import Evaluation, Person

PEOPLE_SORTS = {
    "ten": ("search_key", "id"),
    "-ten": ("-search_key", "-id"),
    "ngay-sinh": ("birth_date", "id"),
    "-ngay-sinh": ("-birth_date", "-id"),
    "chuc-vu": ("position", "search_key"),
    "-chuc-vu": ("-position", "-search_key"),
    "don-vi": ("current_unit__name", "search_key"),
    "-don-vi": ("-current_unit__name", "-search_key"),
}


def people_for(user, perm: str = Perm.PEOPLE_VIEW) -> QuerySet[Person]:
    return access.scope(user, perm, Person.objects.all())




def people_in_subtree(user, unit: Unit, *, sort: str = "ten", direct_only: bool = False) -> QuerySet[Person]:
    qs = people_for(user).select_related("current_unit")
    qs = qs.filter(current_unit=unit) if direct_only else qs.filter(within(unit, "current_unit__path"))
    return qs.order_by(*PEOPLE_SORTS.get(sort, PEOPLE_SORTS["ten"]))


def person_search(user, query: str, limit: int = 50) -> list[Person]:
    return list(person_matches(user, query)[:limit])


def person_matches(user, query: str) -> QuerySet[Person]:
    """The people in USER's scope answering QUERY, best first (`ranked`, by the database:
    "nguyen van" puts every name holding that phrase first, whatever the province's size).
    A number finds the person of that code (the number shown beside a name) and, for
    whoever may see CCCD numbers over the person's unit, the holder of that CCCD."""
    query = (query or "").strip()
    people = people_for(user).select_related("current_unit")
    if query.isdigit():
        holders = access.scope(user, Perm.PEOPLE_VIEW_CCCD, Person.objects.filter(cccd=query)).values("pk")
        code = Q(pk=int(query)) if len(query) <= 9 else Q(pk__in=[])  # a code fits the id column
        return people.filter(code | Q(pk__in=holders)).annotate(search_rank=Value(EXACT)).order_by("pk")
    return ranked(people, query, text="full_name")


# The awards app fills these at start-up (`awards.seams`): the titles a person may hold,
# (code, Vietnamese name) each, and the people holding title CODE for YEAR (a subquery of ids).
person_titles = Hook("person titles", lambda: [])
people_with_title = Hook("people with title", lambda code, year: Person.objects.none().values("pk"))


@dataclass
class ListFilters:
    """What the people list was asked for beyond a name: the unit (with its units below),
    a year, the rating and the title of that year (the rating year when none is given)."""

    unit: Unit | None = None
    year: int | None = None
    rating: str = ""
    title: str = ""

    @property
    def rating_year(self) -> int:
        return self.year or evaluation_year()


def people_filtered(user, f: ListFilters) -> QuerySet[Person]:
    """People in USER's scope working now in F's unit (or below), rated F's rating and
    holding F's title in F's year."""
    qs = people_for(user).select_related("current_unit")
    if f.unit is not None:
        qs = qs.filter(within(f.unit, "current_unit__path"))
    if f.rating:
        qs = qs.filter(Exists(Evaluation.objects.filter(person=OuterRef("pk"), year=f.rating_year, rating=f.rating)))
    if f.title:
        qs = qs.filter(pk__in=people_with_title(f.title, f.rating_year))
    return qs


def person_history(person: Person) -> dict:
    return {
        "employments": list(person.employments.select_related("unit").order_by("-started_on", "-id")),
        "evaluations": list(person.evaluations.select_related("unit").order_by("-year")),
        "disciplines": list(person.disciplines.select_related("document").order_by("-decided_on")),
    }


def unit_evaluations(unit: Unit) -> list[Evaluation]:
    return list(Evaluation.objects.filter(unit=unit, person__isnull=True).order_by("-year"))


def unit_evaluation(unit: Unit, year: int) -> Evaluation | None:
    """The rating of UNIT itself for YEAR, if given."""
    return Evaluation.objects.filter(unit=unit, person__isnull=True, year=year).first()


def missing_evaluations(user, year: int) -> QuerySet[Person]:
    """People in scope with no rating for YEAR yet."""
    rated = Evaluation.objects.filter(person=OuterRef("pk"), year=year)
    return people_for(user).filter(~Exists(rated))


def missing_evaluation_count(user, year: int, *, people: int | None = None) -> int:
    """How many people in USER's scope have no rating for YEAR (`missing_evaluations`). For
    the whole province, the people (PEOPLE when counted already) less the people's ratings
    of the year, counts an index answers: every rating names an existing person, at most
    one per year."""
    if access.sees_everything(user, Perm.PEOPLE_VIEW):
        people = people_for(user).count() if people is None else people
        return people - Evaluation.objects.filter(year=year, person__isnull=False).count()
    return missing_evaluations(user, year).count()


def rating_counts(user, unit: Unit, year: int) -> dict[str, int]:
    """How many people of UNIT's subtree (in USER's scope) got each rating for YEAR, read
    from an index (`people_eval_year_unit_rating`) unit by unit: a department's figures
    read its own ratings only, whatever the size of the province."""
    rows = Evaluation.objects.filter(person__isnull=False, year=year)
    units = subtree_ids(user, Perm.PEOPLE_VIEW, unit)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    return dict(rows.values_list("rating").annotate(n=Count("*")).order_by())
