"""The moves of a council meeting (`core.transitions`), mirrored as the services have always
made them: planned (the agenda set, the attendance taken) → open (members vote) → closed
(the count done, the results passed to the dossiers). Who may move a meeting is who runs its
council (`policy.runs`: the authority's secretariat); its members only vote.
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import access, transitions
from thidua.core.roles import Perm
from thidua.core.transitions import Machine, Transition
from thidua.councils import audit_actions as A
from thidua.councils import policy
from thidua.councils.models import Meeting, MeetingStatus

M = MeetingStatus
OPEN, CLOSE = "open", "close"

# The refusals of the machine (worded with the others in `services`).
NOT_PLANNED = _("Phiên họp đã khai mạc; không thể sửa chương trình hay điểm danh nữa.")
NOT_OPEN = _("Phiên họp không ở trạng thái bỏ phiếu.")

MEETINGS = transitions.register(Machine(
    name="meeting", model=Meeting, states=MeetingStatus,
    rows=[
        Transition(M.PLANNED, OPEN, M.OPEN, (Perm.DOSSIER_REVIEW,), verb=_("khai mạc"), audit=A.MEETING_OPEN,
                   slug="khai-mac"),
        Transition(M.OPEN, CLOSE, M.CLOSED, (Perm.DOSSIER_REVIEW,), verb=_("kết thúc"), audit=A.MEETING_CLOSE,
                   slug="ket-thuc"),
    ],
    units={"unit": lambda meeting: meeting.council.authority_unit.path},
    authorise=lambda actor, meeting, row: policy.runs(actor, meeting.council),
    wrong_state={OPEN: NOT_PLANNED, CLOSE: NOT_OPEN},
    view_name="councils:transition",
))


def check(actor, meeting: Meeting, action: str) -> Transition:
    """`MEETINGS.check`, asked as the services always have: whether the actor runs the council
    first (a logged 403), then the meeting's state with the service's own message."""
    if not MEETINGS.holds_role(actor, meeting, action):
        access.refuse(actor, f"meeting.{action}", meeting)
    return MEETINGS.check(actor, meeting, action)
