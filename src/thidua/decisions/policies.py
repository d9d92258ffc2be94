"""Who reaches decisions, their recipients and the fund (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.decisions.models import Decision, FundEntry, Recipient, Signatory
from thidua.decisions.selectors import decisions_for

# A decision belongs to the unit that keeps it and pays from its fund; it is read as
# `decisions_for` says (its unit's readers, and once signed those of the people it
# names), changed by its unit's keepers and signed over its issuing authority.
access.register(access.Policy(
    Decision, "unit__path", view=Perm.AWARD_VIEW, change=Perm.DECISION_CHANGE,
    over={perm: lambda d: d.authority.path if d.authority_id else d.unit.path
          for perm in (Perm.DECISION_SIGN, Perm.DECISION_ISSUE)},
    visible=decisions_for, related=("authority", "unit", "document", "signer", "created_by")))
access.register(access.Policy(Recipient, "decision__unit__path"))
# The leaders of an authority are kept by its secretariat (decision.issue over it).
access.register(access.Policy(Signatory, "authority__path", view=Perm.DECISION_ISSUE, change=Perm.DECISION_ISSUE,
                              related=("authority",)))
access.register(access.Policy(FundEntry, "unit__path"))
