"""What dossiers lend the notices below them: the reminders of dossiers due."""

from thidua.dossiers import due
from thidua.notices.due import register

register(due.dossier_reminders)
