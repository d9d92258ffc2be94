"""Reads shared by every app: the search of a list, the change history of one record."""

from django.db.models import Model, QuerySet

from thidua.core.models import AuditEvent
from thidua.core.text import search_tokens


def matching(qs: QuerySet, query: str | None) -> QuerySet:
    """The rows of QS whose `search_key` holds every word of QUERY (a search box entry):
    keys and words are folded alike, so "nguyen van" finds "Nguyễn Văn"."""
    for token in search_tokens(query):
        qs = qs.filter(search_key__contains=token)
    return qs


def history_for(target: Model, limit: int = 50) -> list[AuditEvent]:
    """Audit events of TARGET, newest first.

    TARGET must come from a scoped fetch (`access.get`): whoever may see a record
    sees its whole history, including what was recorded under a unit it has since left.
    """
    qs = AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
    return list(qs.select_related("actor").order_by("-at", "-id")[:limit])
