"""The moves of a certificate batch drawn by the task worker (`core.transitions`).

queued → running (a worker took it) → ready (the PDF stored) | failed (refused or broken,
or stalled past `CertificateBatch.RUN_LIMIT`). No page moves a batch: the worker does, on
behalf of whoever asked, so the rows carry no permission; they are taken with `shift` (the
caller saves), `shift_all` (one UPDATE) or, where the batch's own audit row is written (the
file made), `move`.
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import transitions
from thidua.core.transitions import Machine, Transition
from thidua.printing import audit_actions as A
from thidua.printing.models import BatchStatus, CertificateBatch

S = BatchStatus
START, FINISH, FAIL = "start", "finish", "fail"

BATCHES = transitions.register(Machine(
    name="certificate_batch", model=CertificateBatch, states=BatchStatus,
    rows=[
        Transition(S.QUEUED, START, S.RUNNING, verb=_("tạo tệp")),
        Transition(S.RUNNING, FINISH, S.READY, verb=_("tạo xong tệp"), audit=A.CERTIFICATE_BATCH_READY),
        Transition(S.RUNNING, FAIL, S.FAILED, verb=_("hủy tệp")),
    ],
    units={"unit": lambda batch: batch.unit_path},
    wrong_state=_("Tệp in này không ở trạng thái để %(action)s («%(state)s»)."),
))
