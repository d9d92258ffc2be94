"""Optimistic concurrency: a record's `version`, and refusing a save made on a stale copy.

Two officers open the same record; the first saves; the second's save would silently put
back what the first changed. So a versioned record carries an integer `version` that every
write raises by one, an edit form carries the version it was loaded with (a hidden field,
`core.forms.VersionField`), and the service compares the two on the row it has locked
(`require_version`): a different version means someone saved in between, and the save is
refused with `STALE`, naming who and when, and the values saved meanwhile.

Every write bumps the version without the service having to remember it:

- `Versioned.save()` writes ``version = version + 1`` (an F-expression: right even from an
  instance loaded without a lock) and stamps `updated_at`;
- the model's queryset (`VersionedQuerySet`, also behind related managers) adds the same
  bump to `update()` and `bulk_update()`;
- code that writes through another path (`_base_manager`, raw SQL) adds `bump()` itself:
  ``Person.objects.filter(pk__in=ids).update(position="", **concurrency.bump())``.

Fields in `Versioned.UNVERSIONED_FIELDS` (tree bookkeeping, search keys) may change alone
without a bump: nobody edits them in a form.

Who and when come from the audit trail: every service write records an `AuditEvent` in
the same transaction right after the save, so the first event on the record's audit target
at or after its `updated_at` is the write that set the current version
(`Versioned.change_events` says where a model's changes are recorded).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError
from thidua.core.models import AuditEvent
from thidua.core.text import display_name

STALE = _(
    "%(what)s đã được %(who)s sửa lúc %(at)s, sau khi bạn mở trang này, nên thay đổi của bạn chưa được lưu "
    "(để không ghi đè lên thay đổi đó). Những gì bạn nhập vẫn còn trong biểu mẫu dưới đây: hãy xem giá trị mới "
    "nhất, rồi bấm Lưu lần nữa nếu vẫn muốn ghi giá trị của mình, hoặc tải lại trang."
)
SOMEONE = _("người khác")
EMPTY = _("(để trống)")


def bump() -> dict[str, Any]:
    """The update arguments that raise the version by one and stamp the time, for a write
    that bypasses `VersionedQuerySet` (``qs.update(field=value, **bump())``). The time is
    this process's clock, as `auto_now` and the audit trail use."""
    return {"version": F("version") + 1, "updated_at": timezone.now()}


class VersionedQuerySet(models.QuerySet):
    """`update()` and `bulk_update()` raise the version of every row they write."""

    def _versioned(self, fields) -> bool:
        return "version" not in fields and not set(fields) <= self.model.UNVERSIONED_FIELDS

    def update(self, **kwargs):
        if self._versioned(kwargs):
            kwargs = {**kwargs, **bump()}
        return super().update(**kwargs)

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        fields = list(fields)
        if not self._versioned(fields):
            return super().bulk_update(objs, fields, batch_size=batch_size)
        objs = list(objs)
        now = timezone.now()
        for obj in objs:
            obj.version, obj.updated_at = F("version") + 1, now
        try:
            return super().bulk_update(objs, [*fields, "version", "updated_at"], batch_size=batch_size)
        finally:
            for obj in objs:
                obj.__dict__.pop("version", None)  # read again from the row when asked

    bulk_update.alters_data = True


class Versioned(models.Model):
    """A record edited through forms: `version` grows by one with every write.

    Subclasses keep `objects` a `VersionedQuerySet` manager (or a subclass of it), and
    override `change_events` when their changes are audited on another record.
    """

    # Fields a write may change alone without making open forms stale.
    UNVERSIONED_FIELDS = frozenset({"search_key"})

    version = models.PositiveIntegerField(_("phiên bản"), default=1, db_default=1, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_default=Now())

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if self._state.adding or (update_fields is not None and set(update_fields) <= self.UNVERSIONED_FIELDS):
            return super().save(*args, update_fields=update_fields, **kwargs)
        if update_fields is not None:
            update_fields = {*update_fields, "version", "updated_at"}
        previous = self.__dict__.get("version")
        self.version = F("version") + 1
        try:
            super().save(*args, update_fields=update_fields, **kwargs)
        except BaseException:
            if previous is None:
                self.__dict__.pop("version", None)
            else:
                self.version = previous
            raise
        # The row holds the new number; the next read of `version` fetches it.
        self.__dict__.pop("version", None)

    save.alters_data = True

    def change_events(self) -> models.QuerySet:
        """The audit events that may record a write of this record: those aimed at it."""
        return AuditEvent.objects.filter(target_type=self._meta.label_lower, target_id=self.pk)

    def stale_label(self) -> str:
        """How the stale-save message names this record ("Cá nhân «Nguyễn Văn An»")."""
        return f"{capfirst(self._meta.verbose_name)} «{self}»"


@dataclass(frozen=True)
class Change:
    """Who wrote the current version of a record, and when."""

    who: str
    at: dt.datetime | None


def last_change(obj: Versioned) -> Change:
    """Who wrote OBJ's current version and when: the first audit event at or after its
    `updated_at` (the service's own event, written right after the save)."""
    at = obj.updated_at
    event = obj.change_events().filter(at__gte=at).select_related("actor").order_by("at", "id").first() \
        if at else None
    if event is None:
        return Change(str(SOMEONE), at)
    return Change(display_name(event.actor) if event.actor_id else str(SOMEONE), event.at)


def when_text(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else "—"


def display_value(obj: models.Model, name: str) -> str:
    """The value of field NAME of OBJ as a page shows it: a choice by its label, a date as
    dd/mm/yyyy, a related record by its name, an empty value as such."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value in (None, "") or (isinstance(field, models.FileField) and not value):
        return str(EMPTY)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return when_text(value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    if isinstance(value, models.fields.files.FieldFile):
        return value.name.rsplit("/", 1)[-1]
    return str(value)


def _same(current, wanted) -> bool:
    if isinstance(current, models.Model) or isinstance(wanted, models.Model):
        return getattr(current, "pk", current) == getattr(wanted, "pk", wanted)
    return (current if current is not None else "") == (wanted if wanted is not None else "")


class StaleError(ApplicationError):
    """A save made on a copy older than the record. `extra`: ``stale`` (True), ``version``
    (the record's version now: a form that shows the current values may offer it for a
    deliberate second save), ``current`` ([label, value] of the fields whose saved value
    differs from what the user typed), ``who`` and ``at``."""


def require_version(obj: Versioned, loaded: int | None, *, wanted: dict | None = None,
                    what: str | None = None, rebase: dict | None = None) -> None:
    """Refuse (StaleError) a save of OBJ made from a form loaded at version LOADED.

    OBJ must be locked (``select_for_update``) by the caller's transaction, so no other
    save can slip in between this check and the write. LOADED None means the caller did
    not send a version (a script, an import): nothing to compare. WANTED (field → value the
    user typed) selects the current values the message shows; WHAT overrides the record's
    name; REBASE adds hidden-field values a form needs for the deliberate second save.
    """
    if loaded is None or loaded == obj.version:
        return
    raise stale_error(obj, wanted=wanted, what=what, rebase=rebase)


def stale_error(obj: Versioned, *, wanted: dict | None = None, what: str | None = None,
                rebase: dict | None = None) -> StaleError:
    change = last_change(obj)
    current = [
        [str(capfirst(obj._meta.get_field(name).verbose_name)), display_value(obj, name)]
        for name, value in (wanted or {}).items()
        if not _same(getattr(obj, name), value)
    ]
    return stale_refusal(what=what or obj.stale_label(), change=change, version=obj.version, current=current,
                         rebase=rebase)


def stale_refusal(*, what: str, change: Change, version: int, current: list | None = None,
                  rebase: dict | None = None) -> StaleError:
    """The StaleError of a record that counts its saves its own way (a certificate layout's
    `version`): WHAT names it, CHANGE says who saved the current VERSION and when."""
    message = STALE % {"what": what, "who": change.who, "at": when_text(change.at)}
    return StaleError(message, {"stale": True, "version": version, "current": current or [], "who": change.who,
                                "at": change.at, "rebase": rebase or {}})
