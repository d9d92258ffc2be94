"""What decisions lend the rendering engine below them: the decision a certificate batch
prints, fetched through its policy."""

from thidua.core import access
from thidua.decisions.models import Decision
from thidua.printing import selectors as printing_selectors

printing_selectors.decision_for_print.fill(lambda user, pk: access.get(user, Decision, pk))
