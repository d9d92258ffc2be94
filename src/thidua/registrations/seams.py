"""What registrations lend the apps below them: the registration reminders of a movement
(`notices.due`), the notices of a sheet's moves (`notices.handoffs`) and its registration
figures for sơ kết / tổng kết reviews (`movements`)."""

from thidua.core import history
from thidua.movements.selectors import registration_figures
from thidua.notices.due import register
from thidua.notices.handoffs import register as register_handoffs
from thidua.registrations import due, handoffs, progress

register(due.registration_reminders)
registration_figures.fill(progress.registration_figures)
register_handoffs(*handoffs.HANDOFFS, machine=handoffs.MACHINE)
history.holds_award_kinds("registrations.registration.code")
