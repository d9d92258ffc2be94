"""What dossiers lend the notices below them: the reminders of dossiers due, the notices of
a dossier's moves and of the opinions waiting for moderation (`notices.handoffs`)."""

from thidua.core import history
from thidua.dossiers import due, handoffs
from thidua.dossiers.machines import DOSSIERS, OPINIONS
from thidua.notices import handoffs as notices_handoffs
from thidua.notices.due import register

register(due.dossier_reminders)
notices_handoffs.register(*handoffs.DOSSIER_HANDOFFS, machine=DOSSIERS)
notices_handoffs.register(*handoffs.OPINION_HANDOFFS, machine=OPINIONS)
history.holds_award_kinds("dossiers.dossieritem.kind", "dossiers.dossieritem.approved_kind")
