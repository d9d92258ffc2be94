"""What councils lend the apps below them: the meetings voting on a dossier (`dossiers`),
the notices of a meeting convened and opened (`notices.handoffs`)."""

from thidua.core import history
from thidua.councils import handoffs
from thidua.councils.machines import MEETINGS
from thidua.councils.selectors import voting_meetings
from thidua.dossiers import selectors as dossier_selectors
from thidua.notices import handoffs as notices_handoffs

dossier_selectors.voting_meetings.fill(voting_meetings)
notices_handoffs.register(*handoffs.HANDOFFS, machine=MEETINGS)
history.holds_award_kinds("councils.agendaitem.lower_kind")
