"""Reminder writes: store what is newly due as notifications, e-mail them, mark read."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.notices.due import due_items
from thidua.notices.models import Notification


@transaction.atomic
def reminders_send(*, today: dt.date | None = None, base_url: str = "") -> int:
    """Store every reminder due around TODAY that its user has not had yet and e-mail
    it (users with an address). Returns how many were new. Run daily by the task."""
    today = today or timezone.localdate()
    items = due_items(today)
    seen = set(Notification.objects.filter(key__in={i.key for i in items}).values_list("user_id", "key"))
    new = [Notification(user_id=i.user_id, key=i.key, title=i.title, url=i.url, due_on=i.due_on)
           for i in items if (i.user_id, i.key) not in seen]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        transaction.on_commit(lambda: _email([(n.user_id, n.key) for n in new], base_url))
    return len(new)


def _email(keys: list[tuple[int, str]], base_url: str) -> None:
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in={uid for uid, _key in keys}).exclude(email="")}
    wanted = set(keys)
    notes = [n for n in Notification.objects.filter(user__in=users, emailed_at__isnull=True)
             if (n.user_id, n.key) in wanted]
    messages = []
    for note in notes:
        when = f" ({_('hạn')} {note.due_on:%d/%m/%Y})" if note.due_on else ""
        body = f"{note.title}{when}\n\n{base_url}{note.url}\n\n{_('Hệ thống Thi đua – Khen thưởng')}"
        messages.append((f"[{_('Nhắc việc')}] {note.title}", body, settings.DEFAULT_FROM_EMAIL,
                         [users[note.user_id].email]))
    send_mass_mail(messages, fail_silently=False)
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())


def notification_read(*, actor, pk: int | None = None) -> int:
    """Mark one of ACTOR's notifications read (all of them when PK is None)."""
    mine = Notification.objects.filter(user=actor, read_at__isnull=True)
    if pk is not None:
        mine = mine.filter(pk=pk)
    return mine.update(read_at=timezone.now())
