"""Reminder writes: keep the stored notifications equal to what is due, e-mail new ones, mark read.

The notifications are a derived store, not a user's change: writing them records no audit
event (an event would make every page think the store stale again).
"""

import contextlib
import datetime as dt
import logging
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import OperationalError, connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.models import AuditEvent
from thidua.core.net import public_url
from thidua.notices import selectors
from thidua.notices.due import Due, due_items
from thidua.notices.models import DueRefresh, NoticeKind, Notification

BATCH = 500
# How far below the newest audit event a transaction may still be running when the store is
# refreshed (events committed by others meanwhile); its events are looked for as holes.
HOLE_WINDOW = 1000
# How long a page waits for SQLite's write lock to refresh the reminders before showing them as stored.
LOCK_WAIT_MS = 500
logger = logging.getLogger("thidua.notices")


def reminders_refresh(*, reader=None, today: dt.date | None = None) -> int:
    """Bring every user's stored notifications up to date with what is due around TODAY: one
    run of the providers for the whole installation, then new items stored, changed ones
    rewritten, items no longer due closed and items due again reopened (unread).

    With READER, nothing is done while READER's notifications are current
    (`selectors.reminders_current`): a page calls this before reading them, and pays for a run
    only when the day has turned or something that can concern its reader has changed since
    the last run, whoever's page or task made it. Returns how many notifications were new.
    """
    today = today or timezone.localdate()
    # Checked outside a transaction first: on SQLite a transaction takes the write lock.
    if reader is not None and selectors.reminders_current(reader, today):
        return 0
    if reader is None:
        return _refresh(reader, today)
    # A page must never fail or hang because another writer holds the database (a long import,
    # a certificate batch on SQLite): it then shows the stored reminders as they are.
    try:
        with _short_lock_wait():
            return _refresh(reader, today)
    except OperationalError:
        logger.warning("reminders not refreshed for %s: the database is busy", reader.pk)
        return 0


@contextlib.contextmanager
def _short_lock_wait():
    """On SQLite, wait at most LOCK_WAIT_MS for the write lock instead of the connection's
    20 s; other databases wait on the DueRefresh row, which a refresh holds for well under
    a second."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _refresh(reader, today: dt.date) -> int:
    with transaction.atomic():
        state, _created = DueRefresh.objects.select_for_update().get_or_create(pk=1)
        if reader is not None and selectors.reminders_current(reader, today, state):
            return 0  # brought up to date by another request while this one waited
        # The mark is taken before the providers read anything: whatever commits later has a
        # higher id or is one of the holes, so the next reader sees it.
        mark, holes = _audit_mark()
        created = _store(due_items(today))
        state.day, state.mark, state.holes, state.refreshed_at = today, mark, holes, timezone.now()
        state.save()
    return created


def _audit_mark() -> tuple[int, list[int]]:
    mark = AuditEvent.objects.aggregate(mark=Max("pk"))["mark"] or 0
    low = max(mark - HOLE_WINDOW, 0)
    seen = set(AuditEvent.objects.filter(pk__gt=low, pk__lte=mark).values_list("pk", flat=True))
    return mark, sorted(set(range(low + 1, mark + 1)) - seen)


def _chunks(values, size: int = BATCH):
    it = iter(values)
    while chunk := list(islice(it, size)):
        yield chunk


def _store(items: list[Due]) -> int:
    wanted = {(i.user_id, i.key): i for i in items}
    keys = sorted({key for _uid, key in wanted})
    fields = ["id", "user_id", "key", "title", "url", "due_on", "closed_at"]
    # Handoff notices are not computed: the refresh never closes them.
    reminders = Notification.objects.filter(kind=NoticeKind.REMINDER)
    rows = {(n.user_id, n.key): n for n in reminders.filter(closed_at__isnull=True).only(*fields)}
    for chunk in _chunks(keys):  # closed rows only matter when their item is due again
        rows.update(((n.user_id, n.key), n) for n in reminders.filter(
            Q(key__in=chunk), closed_at__isnull=False).only(*fields))
    now = timezone.now()
    new, changed, reopened = [], [], []
    for pair, item in wanted.items():
        row = rows.get(pair)
        if row is None:
            new.append(Notification(user_id=item.user_id, key=item.key, title=item.title[:300], url=item.url,
                                    due_on=item.due_on))
        elif row.closed_at is not None:  # due again: it rings the bell again
            row.closed_at, row.read_at = None, None
            row.title, row.url, row.due_on = item.title[:300], item.url, item.due_on
            reopened.append(row)
        elif (row.title, row.url, row.due_on) != (item.title[:300], item.url, item.due_on):
            # Only the words change ("2 đơn vị" → "1 đơn vị"): read_at is left alone, so a
            # "đã đọc" clicked meanwhile is not undone.
            row.title, row.url, row.due_on = item.title[:300], item.url, item.due_on
            changed.append(row)
    gone = [row.pk for pair, row in rows.items() if row.closed_at is None and pair not in wanted]
    Notification.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    Notification.objects.bulk_update(changed, ["title", "url", "due_on"], batch_size=BATCH)
    Notification.objects.bulk_update(reopened, ["title", "url", "due_on", "closed_at", "read_at"], batch_size=BATCH)
    for chunk in _chunks(gone):
        Notification.objects.filter(pk__in=chunk).update(closed_at=now)
    return len(new)


@transaction.atomic
def reminders_send(*, today: dt.date | None = None, base_url: str = "") -> int:
    """The daily run: refresh the stored notifications for TODAY (`reminders_refresh`), then
    e-mail every open one not e-mailed yet to its user (users with an address), once the
    transaction commits. Returns how many notifications were new."""
    created = reminders_refresh(today=today)
    transaction.on_commit(lambda: _email(base_url))
    return created


def _email(base_url: str) -> None:
    base_url = public_url(base_url)
    users = get_user_model().objects.exclude(email="")
    notes = list(Notification.objects.filter(user__in=users, closed_at__isnull=True, emailed_at__isnull=True)
                 .select_related("user"))
    if not notes:
        return
    messages = []
    for note in notes:
        when = f" ({_('hạn')} {note.due_on:%d/%m/%Y})" if note.due_on else ""
        body = f"{note.title}{when}\n\n{base_url}{note.url}\n\n{_('Hệ thống Thi đua – Khen thưởng')}"
        messages.append((f"[{_('Nhắc việc')}] {note.title}", body, settings.DEFAULT_FROM_EMAIL, [note.user.email]))
    send_mass_mail(messages, fail_silently=False)
    for chunk in _chunks([n.pk for n in notes]):
        Notification.objects.filter(pk__in=chunk).update(emailed_at=timezone.now())


def notification_read(*, actor, pk: int | None = None) -> int:
    """Mark one of ACTOR's notifications read (all of them when PK is None); a notice that
    only informed is done once read."""
    mine = Notification.objects.filter(user=actor, read_at__isnull=True)
    if pk is not None:
        mine = mine.filter(pk=pk)
    now = timezone.now()
    mine.filter(kind=NoticeKind.INFO, closed_at__isnull=True).update(closed_at=now)
    return mine.update(read_at=now)
