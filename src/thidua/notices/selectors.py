from django.db.models import QuerySet
from django.utils import timezone

from thidua.notices.due import Due, due_items
from thidua.notices.models import Notification


def due_for(user) -> list[Due]:
    """What USER has due around today, computed now (not only what was stored)."""
    return due_items(timezone.localdate(), user.pk)


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
