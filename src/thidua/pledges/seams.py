"""What pledges lend the apps below them: the scoring reminders of open rounds (`notices.due`)."""

from thidua.notices.due import register
from thidua.pledges.due import scoring_reminders

register(scoring_reminders)
