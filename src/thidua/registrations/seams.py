"""What registrations lend the apps below them: the registration reminders of a movement
(`notices.due`) and its registration figures for sơ kết / tổng kết reviews (`movements`)."""

from thidua.movements.selectors import registration_figures
from thidua.notices.due import register
from thidua.registrations import due, progress

register(due.registration_reminders)
registration_figures.fill(progress.registration_figures)
