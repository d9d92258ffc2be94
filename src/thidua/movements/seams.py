"""What movements lend the notices below them: the reminders of milestones due."""

from thidua.movements import due
from thidua.notices.due import register

register(due.milestone_reminders)
