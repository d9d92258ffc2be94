"""Who reaches awards and initiatives (`core.access`)."""

from operator import attrgetter

from thidua.awards.models import Award, Initiative, InitiativeAuthor
from thidua.awards.selectors import awards_seen, initiatives_seen
from thidua.core import access
from thidua.core.roles import Perm

# Lists and statistics follow the unit at the time (as ratings do, ADR 0001); one
# award is opened and revoked through its subject (`Award.scope_path`), one
# initiative through its unit or any of its authors.
subject = attrgetter("scope_path")
access.register(access.Policy(Award, "held_unit__path", view=Perm.AWARD_VIEW, change=Perm.AWARD_REVOKE,
                              over={Perm.AWARD_VIEW: subject, Perm.AWARD_REVOKE: subject},
                              visible=awards_seen, related=("person__current_unit", "unit", "document",
                                                            "revoked_by_document", "held_unit")))
access.register(access.Policy(Initiative, "unit__path", view=Perm.AWARD_VIEW, change=Perm.INITIATIVE_CHANGE,
                              visible=initiatives_seen, related=("unit", "document")))
access.register(access.Policy(InitiativeAuthor, "initiative__unit__path", view=Perm.AWARD_VIEW,
                              change=Perm.INITIATIVE_CHANGE, related=("initiative", "person")))
