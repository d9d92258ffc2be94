"""Reads shared by every app: the change history of one record."""

from django.db.models import Model

from thidua.core.models import AuditEvent


def history_for(target: Model, limit: int = 50) -> list[AuditEvent]:
    """Audit events of TARGET, newest first.

    TARGET must come from a scoped fetch (`access.get`): whoever may see a record
    sees its whole history, including what was recorded under a unit it has since left.
    """
    qs = AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
    return list(qs.select_related("actor").order_by("-at", "-id")[:limit])
