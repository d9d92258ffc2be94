"""What councils lend the dossiers below them: the meetings voting on a dossier."""

from thidua.councils.selectors import voting_meetings
from thidua.dossiers import selectors as dossier_selectors

dossier_selectors.voting_meetings.fill(voting_meetings)
