"""What pledges lend the apps below them: the scoring reminders of open rounds (`notices.due`),
and whether a user may open a bloc's pledge (the bloc page's link, `org.selectors`)."""

from thidua.notices.due import register
from thidua.org.selectors import pledge_visible
from thidua.pledges import policy
from thidua.pledges.due import scoring_reminders

register(scoring_reminders)
pledge_visible.fill(lambda user, bloc, year: policy.standing(user, bloc, year).visible)
