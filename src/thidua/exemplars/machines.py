"""The exemplar's moves (`core.transitions`): the secretariat approves a nomination or
returns it with a reason (an approved one too, while it is not published); the unit's
TĐKT officer nominates a returned one again. Publishing is not a move: it is its own act
on an approved exemplar (`services.exemplar_publish`)."""

from django.utils.translation import gettext_lazy as _

from thidua.core import transitions
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.transitions import Machine, Transition
from thidua.exemplars import audit_actions as A
from thidua.exemplars.models import Exemplar, ExemplarState

S = ExemplarState
APPROVE, RETURN, RESUBMIT = "approve", "return", "resubmit"

WRONG_STATE = _("Không thể %(action)s điển hình đang ở trạng thái «%(state)s».")
NEEDS_REASON = _("Cần ghi rõ lý do %(action)s.")
PUBLISHED_FIRST = _("Điển hình này đang được công bố; hãy thôi công bố trước khi trả lại.")


def _blocked(actor, exemplar: Exemplar, row: Transition) -> ApplicationError | None:
    if row.action == RETURN and exemplar.published_at is not None:
        return ApplicationError(PUBLISHED_FIRST)
    return None


_APPROVE, _RETURN, _RESUBMIT = _("duyệt"), _("trả lại"), _("đề cử lại")
EXEMPLARS = transitions.register(Machine(
    name="exemplar", model=Exemplar, states=ExemplarState,
    rows=[
        Transition(S.NOMINATED, APPROVE, S.APPROVED, (Perm.EXEMPLAR_APPROVE,), verb=_APPROVE, audit=A.APPROVE,
                   slug="duyet"),
        Transition(S.NOMINATED, RETURN, S.RETURNED, (Perm.EXEMPLAR_APPROVE,), needs_reason=True, verb=_RETURN,
                   audit=A.RETURN, slug="tra-lai"),
        Transition(S.APPROVED, RETURN, S.RETURNED, (Perm.EXEMPLAR_APPROVE,), needs_reason=True, verb=_RETURN,
                   audit=A.RETURN, slug="tra-lai"),
        Transition(S.RETURNED, RESUBMIT, S.NOMINATED, (Perm.EXEMPLAR_NOMINATE,), verb=_RESUBMIT, audit=A.RESUBMIT,
                   slug="de-cu-lai"),
    ],
    units={"unit": lambda exemplar: exemplar.unit.path},
    blocked=_blocked, wrong_state=WRONG_STATE, needs_reason=NEEDS_REASON,
    view_name="exemplars:transition",
    tones={S.NOMINATED: "warning", S.APPROVED: "success", S.RETURNED: "danger"},
))
