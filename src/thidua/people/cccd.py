"""Who may learn that a CCCD number is on record, when a person is added or edited.

A CCCD is unique: a second person with the same number is never saved. But saying "this
number belongs to someone" to an officer who cannot see that someone tells them that a
citizen works in the province's public service — and a form answers as fast as one can
type. So:

- A number held by a person the officer may see: the refusal names that person and unit
  (nothing new is learnt, and it is what the officer needs: open that record instead).
- A number held by anyone else: one generic refusal that names no one and sends the
  officer to the provincial secretariat (Ban Thi đua – Khen thưởng), who can see every
  unit and arrange the transfer. The attempt is recorded on the holder's history, which
  the secretariat and the holder's unit see, and logged.
- After REFUSALS_PER_DAY such refusals in 24 hours, the account gets that same refusal for
  every new number, held or not, until the day has passed: an account probing numbers
  learns at most that many answers, and each one is on the record.
"""

import datetime as dt
import functools
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit
from thidua.core.errors import ApplicationError, in_transaction, run_after_rollback
from thidua.core.models import AuditEvent
from thidua.core.roles import Perm
from thidua.people import audit_actions as A
from thidua.people.models import Person

HELD_IN_SCOPE = _("Số CCCD này đã thuộc về «%(name)s» (%(unit)s). Nếu là cùng một người, hãy mở hồ sơ của người đó "
                  "thay vì nhập lại.")
REFUSED = _("Không dùng được số CCCD này. Nếu số đúng, hãy liên hệ Ban Thi đua – Khen thưởng (thường trực Hội đồng "
            "Thi đua – Khen thưởng) để được kiểm tra; lần nhập này đã được ghi lại.")
REFUSALS_PER_DAY = 5

log = logging.getLogger("thidua.access")


class Refused(ApplicationError):
    """The generic refusal; it is recorded once the service's transaction has rolled back
    (`after_rollback`)."""

    def __init__(self, *, actor, cccd: str, holder: Person | None, unit):
        super().__init__(REFUSED, {"field": "cccd"})
        self.actor, self.cccd, self.holder, self.unit = actor, cccd, holder, unit

    def after_rollback(self) -> None:
        self.record()

    def record(self) -> None:
        target = self.holder or self.unit
        path = self.holder.current_unit.path if self.holder else self.unit.path
        log.warning("CCCD refused for user=%s: %s (holder %s, unit %s)", getattr(self.actor, "pk", None),
                    self.cccd, getattr(self.holder, "pk", None), self.unit.pk)
        with transaction.atomic():
            audit.record(actor=self.actor, action=A.CCCD_REFUSED, target=target, unit_path=path,
                         after={"cccd": self.cccd, "unit": self.unit.name, "held": self.holder is not None})


def refusals_record(actor, refused: list[tuple[str, Person | None, Any]]) -> None:
    """Record the refusals an Excel import gave ACTOR — (CCCD, its holder or None, the unit
    the row was for) each — on the holder's history, else on that unit's, as the form
    records one; they count against ACTOR's day like the form's."""
    if not refused:
        return
    log.warning("CCCD refused in an import for user=%s: %s", getattr(actor, "pk", None),
                ", ".join(cccd for cccd, _holder, _unit in refused))
    AuditEvent.objects.bulk_create([
        audit.event(actor=actor, action=A.CCCD_REFUSED, target=holder or unit,
                    unit_path=holder.current_unit.path if holder else unit.path,
                    after={"cccd": cccd, "unit": unit.name, "held": holder is not None})
        for cccd, holder, unit in refused])


def refusals_today(actor) -> int:
    since = timezone.now() - dt.timedelta(days=1)
    return AuditEvent.objects.filter(action=A.CCCD_REFUSED, actor=actor, at__gte=since).count()


def check(actor, cccd: str | None, *, unit, exclude_pk: int | None = None) -> None:
    """Refuse CCCD for a person of UNIT (EXCLUDE_PK: the person being edited) when another
    person holds it, or when ACTOR has spent the day's refusals. Raises ApplicationError
    naming the holder when ACTOR may see them, else `Refused`."""
    if not cccd:
        return
    holder = Person.objects.select_related("current_unit").filter(cccd=cccd).exclude(pk=exclude_pk).first()
    if holder is not None and access.can(actor, Perm.PEOPLE_VIEW, holder):
        raise ApplicationError(HELD_IN_SCOPE % {"name": holder.full_name, "unit": holder.current_unit.name},
                               {"field": "cccd"})
    if holder is not None or refusals_today(actor) >= REFUSALS_PER_DAY:
        raise Refused(actor=actor, cccd=cccd, holder=holder, unit=unit)


def refusals_recorded(service):
    """Wrap an atomic SERVICE so that its `Refused` is recorded after the rollback: at once
    when the service's transaction was the outermost, else by the owner of the outer one
    (`core.errors.run_after_rollback`, e.g. `core.once.submit`), or it would roll back too."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except Refused as exc:
            if not in_transaction():
                run_after_rollback(exc)
            raise

    return wrapper
