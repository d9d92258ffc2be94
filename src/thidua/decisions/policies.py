"""Who reaches decisions, their recipients and the fund (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.decisions.models import Decision, FundEntry, Recipient
from thidua.decisions.selectors import decisions_for

# A decision belongs to the unit that keeps it and pays from its fund; it is read as
# `decisions_for` says (its unit's readers, and once signed those of the people it
# names), changed by its unit's keepers and signed over its issuing authority.
access.register(access.Policy(
    Decision, "unit__path", view=Perm.AWARD_VIEW, change=Perm.DECISION_CHANGE,
    over={Perm.DECISION_SIGN: lambda d: d.authority.path if d.authority_id else d.unit.path},
    visible=decisions_for, related=("authority", "unit", "document", "signer", "created_by")))
access.register(access.Policy(Recipient, "decision__unit__path"))
access.register(access.Policy(FundEntry, "unit__path"))
