"""Who reaches people, their history, disciplines and ratings (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.people.models import Discipline, Employment, Evaluation, Person

# A person, their history and disciplines belong to the unit they work in now; a
# rating to the unit it was given in (ADR 0001). Ratings are changed by their own right.
access.register(access.Policy(Person, "current_unit__path", view=Perm.PEOPLE_VIEW, change=Perm.PEOPLE_CHANGE,
                              related=("current_unit",)))
access.register(access.Policy(Employment, "person__current_unit__path", view=Perm.PEOPLE_VIEW,
                              change=Perm.PEOPLE_CHANGE, related=("person", "unit")))
access.register(access.Policy(Discipline, "person__current_unit__path", view=Perm.PEOPLE_VIEW,
                              change=Perm.PEOPLE_CHANGE, related=("person",)))
access.register(access.Policy(Evaluation, "unit__path", view=Perm.PEOPLE_VIEW,
                              change=Perm.EVALUATION_CHANGE, related=("person", "unit")))
