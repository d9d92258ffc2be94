"""Reads shared by every app: the search of a list, the change history of one record."""

from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When

from thidua.core.models import AuditEvent
from thidua.core.text import clean_name, search_tokens

# How well a row answers a search (`ranked`): lower is better.
EXACT, PHRASE, WORD_STARTS, ANY_PLACE = 0, 1, 2, 3


def matching(qs: QuerySet, query: str | None) -> QuerySet:
    """The rows of QS whose `search_key` holds every word of QUERY (a search box entry):
    keys and words are folded alike, so "nguyen van" finds "Nguyễn Văn"."""
    for token in search_tokens(query):
        qs = qs.filter(search_key__contains=token)
    return qs


def _at_word_start(field: str, text: str, lookup: str = "") -> Q:
    return Q(**{f"{field}__{lookup}startswith": text}) | Q(**{f"{field}__{lookup}contains": f" {text}"})


def ranked(qs: QuerySet, query: str | None, *, text: str = "") -> QuerySet:
    """The rows of QS `matching` QUERY, annotated `search_rank` and ordered best first, by the
    database (so a page and its total are read from the whole answer, not from a first
    slice): the phrase as typed, accents and all, starting a word of TEXT (a name field),
    then the folded phrase starting a word of `search_key` ("nguyen van" in "Trần Nguyễn Văn
    Thành"), then every word starting a word of the key, then the words anywhere. Within a
    rank, by `search_key`."""
    tokens = search_tokens(query)
    if not tokens:
        return qs.none()
    starts = Q()
    for token in tokens:
        starts &= _at_word_start("search_key", token)
    whens = [When(_at_word_start(text, clean_name(query), "i"), then=Value(EXACT))] if text else []
    whens += [When(_at_word_start("search_key", " ".join(tokens)), then=Value(PHRASE)),
              When(starts, then=Value(WORD_STARTS))]
    rank = Case(*whens, default=Value(ANY_PLACE), output_field=IntegerField())
    return matching(qs, query).annotate(search_rank=rank).order_by("search_rank", "search_key", "pk")


def history_for(target: Model, limit: int = 50) -> list[AuditEvent]:
    """Audit events of TARGET, newest first.

    TARGET must come from a scoped fetch (`access.get`): whoever may see a record
    sees its whole history, including what was recorded under a unit it has since left.
    """
    qs = AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
    return list(qs.select_related("actor").order_by("-at", "-id")[:limit])
