"""Who reaches registrations (`core.access`): whoever sees a unit's people sees its
registrations and sheets; moving a sheet is its machine's (`machines.SHEETS`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.registrations.models import Registration, RegistrationSheet

access.register(access.Policy(Registration, "unit__path", view=Perm.PEOPLE_VIEW, change=Perm.REGISTRATION_CHANGE))
access.register(access.Policy(RegistrationSheet, "unit__path", view=Perm.PEOPLE_VIEW, change=Perm.REGISTRATION_CHANGE,
                              related=("unit", "movement", "submitted_by", "approved_by")))
