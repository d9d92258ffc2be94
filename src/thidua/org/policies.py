"""Who reaches units and the audit trail (`core.access`)."""

from thidua.core import access
from thidua.core.models import AuditEvent
from thidua.core.roles import Perm
from thidua.org.models import Unit

access.register(access.Policy(Unit, "path", view=Perm.ORG_VIEW, change=Perm.ORG_CHANGE))
# An audit row belongs to the unit it was written under; pages read it through the
# record it concerns (`core.selectors.history_for`), so no permission shows it alone.
access.register(access.Policy(AuditEvent, "unit_path"))
