"""The moves of an Excel import batch (`core.transitions`).

A batch is moved by its uploader's confirmation and by the task worker, never by a page
that asks a permission: whose batch it is and whether it may run are the services' own
checks (`services._claim`), so the rows carry no permission and are taken with `shift`
(the caller saves) or, where the batch's own audit row is written (a failure), `move`.

preview → running (confirmed; a stalled or queued run is taken again: running → running)
→ done | failed, or back to preview (the rows no longer pass, or the data changed meanwhile).
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import transitions
from thidua.core.transitions import Machine, Transition
from thidua.imports import audit_actions as A
from thidua.imports.models import ImportBatch

S = ImportBatch.Status
RUN, FINISH, FAIL, BACK = "run", "finish", "fail", "back_to_preview"

BATCH_NOT_PENDING = _("Tệp này đã được xử lý trước đó; không nhập lại lần nữa.")

BATCHES = transitions.register(Machine(
    name="import_batch", model=ImportBatch, states=ImportBatch.Status,
    rows=[
        Transition(S.PREVIEW, RUN, S.RUNNING, verb=_("nhập")),
        Transition(S.RUNNING, RUN, S.RUNNING, verb=_("nhập")),
        Transition(S.RUNNING, FINISH, S.DONE, verb=_("nhập xong")),
        Transition(S.RUNNING, FAIL, S.FAILED, verb=_("hủy"), audit=A.IMPORT_FAIL),
        Transition(S.RUNNING, BACK, S.PREVIEW, verb=_("chờ xác nhận lại")),
    ],
    wrong_state=BATCH_NOT_PENDING,
))

