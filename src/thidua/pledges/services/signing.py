"""A member unit signs the open pledge."""

from django.db import transaction
from django.utils import timezone

from thidua.core import audit
from thidua.core.errors import ApplicationError
from thidua.org.models import Unit
from thidua.pledges import audit_actions as A
from thidua.pledges import policy
from thidua.pledges.models import Pledge, PledgeSignature
from thidua.pledges.services.common import _lock_pledge, _standing, _when
from thidua.pledges.services.messages import ALREADY_SIGNED, NOT_A_MEMBER
from thidua.pledges.services.states import _require_open


@transaction.atomic
def pledge_sign(*, actor, pledge: Pledge, unit: Unit) -> PledgeSignature:
    """Record UNIT's acceptance of the open pledge (its officer or head signs)."""
    pledge = _lock_pledge(pledge)
    standing = _standing(actor, pledge)
    if unit.pk not in standing.members:
        raise ApplicationError(NOT_A_MEMBER % {"unit": unit.name, "year": pledge.year})
    policy.require(standing.acts_for(unit.pk))
    _require_open(pledge)
    existing = pledge.signatures.filter(unit=unit).first()
    if existing is not None:
        raise ApplicationError(ALREADY_SIGNED % {"unit": unit.name, "at": _when(existing.signed_at)})
    signature = PledgeSignature.objects.create(pledge=pledge, unit=unit, signed_by=actor, signed_at=timezone.now())
    audit.record(actor=actor, action=A.PLEDGE_SIGN, target=pledge, unit_path=unit.path,
                 after={"unit": unit.name, "signed_at": _when(signature.signed_at)})
    return signature
