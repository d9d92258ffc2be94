"""Who reaches exemplars and congresses (`core.access`): the units' subtrees, as awards."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.exemplars.models import Congress, Exemplar, ExemplarPhoto

access.register(access.Policy(Exemplar, "unit__path", view=Perm.EXEMPLAR_VIEW, change=Perm.EXEMPLAR_NOMINATE,
                              related=("unit", "person", "collective", "movement", "published_by", "approved_by",
                                       "created_by")))
access.register(access.Policy(ExemplarPhoto, "exemplar__unit__path", view=Perm.EXEMPLAR_VIEW,
                              change=Perm.EXEMPLAR_NOMINATE, related=("exemplar", "exemplar__unit")))
access.register(access.Policy(Congress, "unit__path", view=Perm.EXEMPLAR_VIEW, change=Perm.EXEMPLAR_APPROVE,
                              related=("unit",)))
