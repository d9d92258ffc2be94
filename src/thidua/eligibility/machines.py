"""The moves of a qualified list's Excel file written by the task worker (`core.transitions`).

queued → ready (the file stored) | failed. No page moves an export: the worker does, on
behalf of whoever asked, so the rows carry no permission; they are taken with `shift`
(the caller saves).
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import transitions
from thidua.core.transitions import Machine, Transition
from thidua.eligibility.models import ListExport

S = ListExport.State
FINISH, FAIL = "finish", "fail"

EXPORTS = transitions.register(Machine(
    name="list_export", model=ListExport, states=ListExport.State,
    rows=[
        Transition(S.QUEUED, FINISH, S.READY, verb=_("tạo xong tệp")),
        Transition(S.QUEUED, FAIL, S.FAILED, verb=_("hủy tệp")),
    ],
    units={"unit": lambda export: export.unit.path},
    wrong_state=_("Tệp Excel này không ở trạng thái để %(action)s («%(state)s»)."),
))
