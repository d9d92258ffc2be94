"""The global search: people, units, documents, decisions and awards, each found the way
officers name it and ranked by the database, each read through the scope of its own list.

A section is a queryset answering the query best first: the page shows the first rows of
each with its total, and one section in full, page by page (`?loai=`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from thidua.awards import ledger
from thidua.awards.models import Award
from thidua.catalog.selectors import kind_names
from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.selectors import ANY_PLACE, EXACT, PHRASE, WORD_STARTS, matching, ranked
from thidua.core.text import clean_name, fold, search_tokens
from thidua.decisions.selectors import decisions_for
from thidua.documents.models import Document
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.people import selectors as people_selectors
from thidua.people.models import Person

# "01/QĐ-UBND", "125 / QĐ-UBND": a number and its symbol, as a decision is cited.
_NUMBER = re.compile(r"^0*(\d{1,9})\s*/\s*(\S+)$")


def units(user, query: str) -> QuerySet:
    return ranked(org_selectors.units_for(user), query, text="name")


def documents(user, query: str) -> QuerySet:
    """Documents by their number and symbol ("01/QĐ-UBND", typed as printed) or summary."""
    qs = access.scope(user, Perm.DOCUMENT_VIEW, Document.objects.select_related("unit"))
    return ranked(qs, query, text="number")


def decisions(user, query: str) -> QuerySet:
    """Decisions by their number and symbol (the number typed with or without its leading
    zero, the symbol with or without accents) first, then by the words of their summary."""
    qs = decisions_for(user).select_related("unit")
    cited = _NUMBER.match(query.strip())
    if cited:
        number, symbol = int(cited[1]), fold(cited[2])
        # The same number recurs once a year per authority: few rows to compare the symbol of.
        same = [pk for pk, s in qs.filter(number=number).values_list("pk", "symbol") if fold(s) == symbol]
        return qs.filter(pk__in=same).annotate(search_rank=Value(EXACT)).order_by("-year", "-pk")
    words = Q()
    for word in clean_name(query).split():
        words &= Q(summary__icontains=word) | Q(symbol__icontains=word) | Q(authority_name__icontains=word)
    if not len(words):
        return qs.none()
    return qs.filter(words).annotate(search_rank=Value(ANY_PLACE)).order_by("-year", "-number", "-pk")


def awards(user, query: str) -> QuerySet:
    """The ledger's lines (in scope as the ledger is: by the unit at the time) by their
    decision's number, by the award's name, or by the name of the person or unit given it."""
    qs = access.scope(user, Perm.AWARD_VIEW, Award.objects.select_related("person", "unit", "held_unit", "document"))
    tokens = search_tokens(query)
    if not tokens:
        return qs.none()
    phrase = " ".join(tokens)
    kinds = [code for code, name in kind_names().items() if phrase in fold(name) or phrase == fold(code)]
    # The people and units named first (a scan of their keys), then their awards through the
    # indexed keys: testing each of the province's awards' joined names scanned them all.
    person = Q(person__in=matching(Person.objects.all(), query).values("pk"))
    unit = Q(unit__in=matching(Unit.objects.all(), query).values("pk"))
    # Only what is written as a decision is cited ("01/QĐ-UBND"): a name is no decision's number.
    cited = _NUMBER.match(query.strip())
    number = Q(pk__in=ledger.by_decision(qs, clean_name(query)).values("pk")) if cited else Q(pk__in=[])
    rank = Case(When(number, then=Value(EXACT)), When(kind__in=kinds, then=Value(PHRASE)),
                When(Q(person__search_key__contains=phrase) | Q(unit__search_key__contains=phrase),
                     then=Value(WORD_STARTS)), default=Value(ANY_PLACE), output_field=IntegerField())
    found = qs.filter(number | Q(kind__in=kinds) | person | unit)
    return found.annotate(search_rank=rank).order_by("search_rank", "-year", "-decided_on", "-pk")


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    find: Callable[..., QuerySet]


SECTIONS = (
    Section("ca-nhan", _("Cá nhân"), people_selectors.person_matches),
    Section("don-vi", _("Đơn vị"), units),
    Section("van-ban", _("Văn bản"), documents),
    Section("quyet-dinh", _("Quyết định khen thưởng"), decisions),
    Section("khen-thuong", _("Sổ khen thưởng"), awards),
)
BY_KEY = {s.key: s for s in SECTIONS}


def may_search(user, section: Section) -> bool:
    """Whether USER reads the list SECTION searches at all (a council member reads no people)."""
    perm = {"ca-nhan": Perm.PEOPLE_VIEW, "don-vi": Perm.ORG_VIEW, "van-ban": Perm.DOCUMENT_VIEW}
    return access.has_any(user, perm.get(section.key, Perm.AWARD_VIEW))


def named(section: Section, rows) -> list:
    """ROWS of SECTION as a list, each award with the name it is given in full (`display`)."""
    return ledger.named(rows) if section.key == "khen-thuong" else list(rows)
