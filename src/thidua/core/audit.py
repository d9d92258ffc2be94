"""The audit trail: every service write records who did what, before and after.

Action codes are registered once with their Vietnamese label (`register`); recording an
unregistered code is a programming error and raises, so no change goes unlabelled.
"""

import contextvars
import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.functional import Promise

from thidua.core import history
from thidua.core.models import AuditEvent
from thidua.core.text import display_name

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

_ACTIONS: dict[str, Promise | str] = {}


def register(code: str, label: Promise | str) -> str:
    if code in _ACTIONS and _ACTIONS[code] != label:
        raise ValueError(f"audit action {code!r} registered twice with different labels")
    _ACTIONS[code] = label
    return code


def action_label(code: str) -> str:
    return str(_ACTIONS.get(code, code))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


# Bookkeeping, not content: the tree's fields, search keys, and the concurrency version
# with its time stamp (the event itself records when).
_NOT_SNAPSHOT = frozenset({"path", "depth", "numchild", "search_key", "version", "updated_at"})


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of OBJ as JSON, foreign keys as the related record's name."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or (fields is not None and field.name not in fields):
            continue
        if field.name in _NOT_SNAPSHOT:
            continue
        if field.is_relation:
            related = getattr(obj, field.name) if getattr(obj, field.attname) else None
            # An account reads as its holder's name, as the panel shows the actor, not the login.
            out[field.name] = None if related is None else (
                display_name(related) if field.related_model is get_user_model() else str(related))
        else:
            out[field.name] = _jsonable(getattr(obj, field.attname))
    return out


def event(
    *,
    actor,
    action: str,
    target: models.Model,
    unit_path: str = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
):
    """The AuditEvent `record` writes, unsaved: what a bulk writer collects and inserts
    with the records it writes."""
    if action not in _ACTIONS:
        raise KeyError(f"audit action {action!r} is not registered")

    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        target_label=str(target)[:255],
        unit_path=unit_path,
        before=before,
        after=after,
        reason=reason,
        request_id=current_request_id.get(),
    )


def record(*, actor, action: str, target: models.Model, **details):
    """Write one AuditEvent (DETAILS: `event`'s unit_path, before, after, reason); call
    inside the service's transaction."""
    row = event(actor=actor, action=action, target=target, **details)
    row.save(force_insert=True)
    return row


def save_changes(obj: models.Model, before: dict, *, actor, action: str, unit_path: str, reason: str = ""):
    """The end of an edit service: validate OBJ (ValidationError), save it and record ACTION
    with BEFORE (its `snapshot` before the edit) and OBJ as saved; returns OBJ."""
    obj.full_clean()
    obj.save()
    record(actor=actor, action=action, target=obj, unit_path=unit_path, before=before, after=snapshot(obj),
           reason=reason)
    return obj


# The panel's reading of an event (kept here for the callers that know it as audit.changes).
Change, changes = history.Change, history.changes
