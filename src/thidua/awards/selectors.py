"""Reads of the ledger and the initiatives, always through the scope.

`awards_for_facts` is what the rules engine's loaders use: everything about many
subjects in one query per table, as plain values.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from thidua.awards.models import Award, Initiative, InitiativeAuthor
from thidua.catalog.display import award_title
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import kind_display
from thidua.core import access
from thidua.core.roles import Perm
from thidua.documents.selectors import readable_pks as document_readable
from thidua.org.models import Unit
from thidua.people.models import Evaluation, Person

_AWARD_RELATED = ("document", "revoked_by_document", "held_unit")


def awards_seen(user) -> QuerySet[Award]:
    """The awards USER may open (the `visible` rule of their access policy): through their
    subject as the person or unit page is — the person's unit now, or the unit — not the
    unit at the time, which lists and statistics follow."""
    by_person = access.path_condition(user, Perm.AWARD_VIEW, "person__current_unit__path")
    if by_person is None:
        return Award.objects.all()
    by_unit = access.path_condition(user, Perm.AWARD_VIEW, "unit__path")
    return Award.objects.filter(Q(person__isnull=False) & by_person | Q(person__isnull=True) & by_unit)


def decided_in_thidua(award: Award) -> bool:
    """Whether AWARD was written by signing a decision issued in thidua (a line of
    `decisions.Recipient` with an issuing authority of the tree). Such an award is revoked
    only by a revocation decision of thidua; any other (recorded by hand, imported,
    recorded from a decision issued outside) by recording the paper decision."""
    return Award.objects.filter(pk=award.pk, decision_recipient__decision__authority__isnull=False).exists()


def mark_decision_links(user, awards: Iterable[Award]) -> None:
    """Set `decision_linked` on each of AWARDS: whether its decision number may link to the
    decision (`decisions:by_document`), which opens for USER when the award came from a
    decision issued in thidua (its recipients read it) or USER may read the document. An
    award from a paper decision held out of USER's scope shows the number alone. Two queries."""
    awards = [a for a in awards if a.document_id]
    if not awards:
        return
    from_decisions = set(Award.objects.filter(pk__in=[a.pk for a in awards], decision_recipient__isnull=False)
                         .values_list("pk", flat=True))
    readable = document_readable(user, {a.document_id for a in awards})
    for award in awards:
        award.decision_linked = award.pk in from_decisions or award.document_id in readable


def held_units(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Unit]:
    """(person id, year) → the unit the person was rated in that year, for PAIRS that have
    a rating (callers fall back on where the person works now). One query."""
    if not pairs:
        return {}
    found = Evaluation.objects.filter(person__in={p for p, _y in pairs}, year__in={y for _p, y in pairs})
    return {(e.person_id, e.year): e.unit for e in found.select_related("unit")}


def initiatives_seen(user) -> QuerySet[Initiative]:
    """The initiatives USER may open (the `visible` rule of their access policy): through
    their unit or through any of their authors, with the authors the page lists."""
    rows = Initiative.objects.prefetch_related(
        Prefetch("authors", InitiativeAuthor.objects.select_related("person__current_unit")))
    by_unit = access.path_condition(user, Perm.AWARD_VIEW, "unit__path")
    if by_unit is None:
        return rows
    by_author = access.path_condition(user, Perm.AWARD_VIEW, "person__current_unit__path")
    return rows.filter(by_unit | Q(pk__in=InitiativeAuthor.objects.filter(by_author).values("initiative_id")))


# --- timelines ---------------------------------------------------------------------------


@dataclass
class YearGroup:
    year: int
    titles: list[Award] = field(default_factory=list)
    forms: list[Award] = field(default_factory=list)
    initiatives: list[Any] = field(default_factory=list)  # Initiative, with `.share` for a person's


def _timeline(awards: Iterable[Award], initiatives: Iterable[Initiative]) -> list[YearGroup]:
    """Year groups, newest first; within a year the highest title first (catalog rank)."""
    display = kind_display()
    years: dict[int, YearGroup] = {}
    for award in awards:
        name, award.kind_rank = display.get(award.kind, (award.kind, 0))
        award.kind_name = award_title(award.kind, name, issuer=award.issuer)
        group = years.setdefault(award.year, YearGroup(award.year))
        (group.titles if award.is_title else group.forms).append(award)
    for initiative in initiatives:
        years.setdefault(initiative.year, YearGroup(initiative.year)).initiatives.append(initiative)
        if initiative.used_for:
            initiative.used_for_name = display.get(initiative.used_for, (initiative.used_for, 0))[0]
    for group in years.values():
        group.titles.sort(key=lambda a: -a.kind_rank)
    return [years[y] for y in sorted(years, reverse=True)]


def person_timeline(person: Person) -> list[YearGroup]:
    """PERSON's titles, awards (their household's too) and initiatives, newest year first.

    PERSON comes from a scoped fetch: whoever may see the person sees their whole record,
    including what they received in units they have since left. Three queries.
    """
    awards = Award.objects.filter(person=person).select_related(*_AWARD_RELATED).order_by(
        "-year", "-decided_on", "-id")
    initiatives = []
    for authorship in InitiativeAuthor.objects.filter(person=person).select_related(
            "initiative__unit", "initiative__document").order_by("-initiative__year", "-initiative__recognized_on"):
        initiative = authorship.initiative
        initiative.share = authorship.share
        initiatives.append(initiative)
    return _timeline(awards, initiatives)


def unit_timeline(unit: Unit) -> list[YearGroup]:
    """The unit's own titles and awards, and the initiatives applied in it. Three queries."""
    awards = Award.objects.filter(unit=unit).select_related(*_AWARD_RELATED).order_by("-year", "-decided_on", "-id")
    initiatives = list(Initiative.objects.filter(unit=unit).select_related("document").order_by(
        "-year", "-recognized_on", "-id"))
    for initiative in initiatives:
        initiative.share = None
    return _timeline(awards, initiatives)


# --- facts for the rules engine ----------------------------------------------------------


def _chunks(ids) -> Iterable[Any]:
    """IDS as `__in` values: a QuerySet stays one subquery; a list is cut below the
    database's limit on query parameters."""
    if ids is None:
        return []
    if isinstance(ids, QuerySet):
        return [ids]
    values = list(ids)
    size = max((connection.features.max_query_params or 10_000) - 50, 100)
    return [values[i:i + size] for i in range(0, len(values), size)]


def _empty() -> dict[str, Any]:
    return {"titles": {}, "awards": [], "initiatives": []}


EMPTY_FACTS: dict[str, Any] = {"titles": {}, "awards": [], "initiatives": []}


def _add_award(facts: dict, kind: str, is_title: bool, year: int, decided_on, period_from, period_to, ctype,
               revoked: bool, pk: int) -> None:
    if is_title:
        if not revoked:
            facts["titles"].setdefault(year, []).append(kind)
        return
    period = None if period_from is None and period_to is None else (period_from or period_to, period_to or period_from)
    facts["awards"].append({"id": pk, "code": kind, "year": year, "decided_on": decided_on, "period": period,
                            "type": ctype, "revoked": revoked})


_AWARD_VALUES = ("kind", "is_title", "year", "decided_on", "period_from", "period_to", "commendation_type",
                 "revoked", "id")
_INITIATIVE_VALUES = ("initiative_id", "initiative__scope", "initiative__recognized_on", "initiative__used_for",
                      "initiative__year")


def awards_for_facts(*, person_ids=None, unit_ids=None, titles: bool = True) -> dict[str, dict[int, dict[str, Any]]]:
    """The ledger facts the rules engine needs, for many subjects at once.

    PERSON_IDS / UNIT_IDS: a QuerySet of ids (one query per table whatever the count) or
    an iterable (cut into chunks the database accepts). Answers
    `{"persons": {id: facts}, "households": {person id: facts}, "units": {id: facts}}`
    (a subject with nothing recorded is absent: use `facts.get(id, EMPTY_FACTS)`), where facts is
    `{"titles": {year: [code, …] sorted}, "awards": [{"id", "code", "year", "decided_on",
    "period": (first, last) | None, "type", "revoked"}], "initiatives": [{"id", "scope",
    "recognized_on", "used_for", "year"}]}`. Titles leave out revoked ones (they count for
    nothing); forms keep them with `revoked: True`. TITLES=False leaves persons' and
    households' titles out, for a caller that reads them its own way. Not scoped: callers
    pass ids they got through the scope.
    """
    out: dict[str, dict[int, dict[str, Any]]] = {"persons": {}, "households": {}, "units": {}}
    # Titles are most of the ledger and need only (subject, year, code): they are read apart
    # from the forms, without the dates and periods the forms carry.
    for chunk in _chunks(person_ids):
        held = Award.objects.filter(person_id__in=chunk, is_title=True, revoked=False).values_list(
            "person_id", "subject_kind", "year", "kind")
        for person_id, subject_kind, year, kind in (held.iterator(chunk_size=20000) if titles else ()):
            bucket = out["households" if subject_kind == SubjectKind.HOUSEHOLD else "persons"]
            facts = bucket.get(person_id) or bucket.setdefault(person_id, _empty())
            facts["titles"].setdefault(year, []).append(kind)
        rows = Award.objects.filter(person_id__in=chunk, is_title=False).values_list(
            "person_id", "subject_kind", *_AWARD_VALUES)
        for person_id, subject_kind, *values in rows.iterator(chunk_size=5000):
            bucket = "households" if subject_kind == SubjectKind.HOUSEHOLD else "persons"
            _add_award(out[bucket].setdefault(person_id, _empty()), *values)
        authors = InitiativeAuthor.objects.filter(person_id__in=chunk).values_list("person_id", *_INITIATIVE_VALUES)
        for person_id, pk, scope, recognized_on, used_for, year in authors.iterator(chunk_size=5000):
            out["persons"].setdefault(person_id, _empty())["initiatives"].append(
                {"id": pk, "scope": scope, "recognized_on": recognized_on, "used_for": used_for, "year": year})
    for chunk in _chunks(unit_ids):
        rows = Award.objects.filter(unit_id__in=chunk).values_list("unit_id", *_AWARD_VALUES)
        for unit_id, *values in rows.iterator(chunk_size=5000):
            _add_award(out["units"].setdefault(unit_id, _empty()), *values)
        initiatives = Initiative.objects.filter(unit_id__in=chunk).values_list(
            "unit_id", "id", "scope", "recognized_on", "used_for", "year")
        for unit_id, pk, scope, recognized_on, used_for, year in initiatives.iterator(chunk_size=5000):
            out["units"].setdefault(unit_id, _empty())["initiatives"].append(
                {"id": pk, "scope": scope, "recognized_on": recognized_on, "used_for": used_for, "year": year})
    for bucket in out.values():
        for facts in bucket.values():
            facts["titles"] = {year: sorted(codes) for year, codes in facts["titles"].items()}
    return out
