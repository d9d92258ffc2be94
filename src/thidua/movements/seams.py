"""What movements lend the notices below them: the reminders of milestones due, the notice
of a launch to the units taking part (`notices.handoffs`)."""

from thidua.movements import due, handoffs
from thidua.notices import handoffs as notices_handoffs
from thidua.notices.due import register

register(due.milestone_reminders)
notices_handoffs.register(*handoffs.HANDOFFS)
