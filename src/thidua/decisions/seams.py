"""What decisions lend the apps below them: the decision a certificate batch prints,
fetched through its policy (`printing`); the notice of its issue to the proposing units
(`notices.handoffs`)."""

from thidua.core import access, history
from thidua.decisions import handoffs
from thidua.decisions.machines import DECISIONS
from thidua.decisions.models import Decision
from thidua.notices import handoffs as notices_handoffs
from thidua.printing import selectors as printing_selectors

printing_selectors.decision_for_print.fill(lambda user, pk: access.get(user, Decision, pk))
notices_handoffs.register(*handoffs.HANDOFFS, machine=DECISIONS)
history.holds_award_kinds("decisions.recipient.kind")
