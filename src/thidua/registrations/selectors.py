"""Reads of registrations and registration sheets."""

from django.db.models import Q, QuerySet

from thidua.registrations.models import Registration, SheetStatus


def counted_registrations() -> QuerySet[Registration]:
    """Registrations the rules engine counts: on an approved sheet, or on none (history
    imported or entered before sheets existed). A draft or a sheet awaiting the head's
    approval is not yet the unit's commitment."""
    return Registration.objects.filter(Q(sheet__isnull=True) | Q(sheet__status=SheetStatus.APPROVED))
