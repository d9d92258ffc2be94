"""Who reaches movements (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.movements.models import Movement
from thidua.movements.selectors import movements_for

# A movement belongs to its organiser; it is also seen by the units below, which take
# part (`selectors.movements_for`), and changed by whoever launches for its organiser.
access.register(access.Policy(Movement, "organiser__path", view=Perm.MOVEMENT_VIEW, change=Perm.MOVEMENT_CHANGE,
                              visible=movements_for,
                              related=("organiser", "document", "parent__organiser", "monitoring_unit")))
