"""Who reaches councils and their meetings (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.councils.models import Council, Meeting
from thidua.councils.selectors import councils_seen, meetings_seen

# The authority's secretariat runs a council (`dossier.review` over its unit, what
# `policy.runs` asks); its members see it too (`policy.sees`). Lists read the paths.
access.register(access.Policy(Council, "authority_unit__path", view=Perm.DOSSIER_REVIEW,
                              change=Perm.DOSSIER_REVIEW, visible=councils_seen,
                              related=("authority_unit",)))
access.register(access.Policy(Meeting, "council__authority_unit__path", view=Perm.DOSSIER_REVIEW,
                              change=Perm.DOSSIER_REVIEW, visible=meetings_seen,
                              related=("council__authority_unit",)))
