"""The moves of a bloc's pledge and of its scoring rounds (`core.transitions`).

A pledge is drafted, issued (its table frozen, members sign, rounds run), returned to draft
while nobody has signed and no round exists, and closed at the year's end. A round is
locked on its final ranking and reopened (or, still open, extended) with new deadlines.

Who may take a move is the actor's standing in the bloc that year (`policy.standing`), not
a permission over one unit: each row's `perms` names the standing it needs — `organiser`
(the organiser's secretariat or the bloc leader) or `manager` (the secretariat). `check`
asks that standing before the state, as the services always have: a user without it
learns nothing about the record's state.
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import access, transitions
from thidua.core.errors import ApplicationError
from thidua.core.transitions import Machine, Transition
from thidua.pledges import audit_actions as A
from thidua.pledges import policy
from thidua.pledges.models import Pledge, PledgeStatus, RoundStatus, ScoringRound

P, R = PledgeStatus, RoundStatus
OPEN, RETURN_TO_DRAFT, CLOSE = "open", "return_to_draft", "close"
LOCK, REOPEN = "lock", "reopen"
ORGANISER, MANAGER = "organiser", "manager"

# The refusals of the two machines (worded with the others in `services.messages`).
NOT_DRAFT = _("Bảng tiêu chí đã ban hành; chỉ sửa được khi giao ước đang soạn thảo.")
PLEDGE_CLOSED = _("Giao ước đã kết thúc; không thể thay đổi.")
PLEDGE_NOT_OPEN = _("Giao ước chưa ban hành hoặc đã kết thúc.")
ROUND_LOCKED = _("Đợt chấm điểm đã chốt kết quả; không thể thay đổi.")
REASON_REQUIRED = _("Cần ghi lý do mở lại, gia hạn.")


def _pledge_standing(actor, pledge: Pledge, row: Transition) -> bool:
    return getattr(policy.standing(actor, pledge.bloc, pledge.year), row.perms[0])


def _round_standing(actor, rnd: ScoringRound, row: Transition) -> bool:
    return _pledge_standing(actor, rnd.pledge, row)


def _pledge_closed(actor, rnd: ScoringRound, row: Transition) -> ApplicationError | None:
    """A round of a closed pledge stays as it is (only a reopen could move it)."""
    return ApplicationError(PLEDGE_CLOSED) if rnd.pledge.state == P.CLOSED else None


def _row(source, action, target, standing, verb, code, slug, needs_reason=False) -> Transition:
    return Transition(source, action, target, (standing,), needs_reason=needs_reason, verb=verb, audit=code,
                      slug=slug)


PLEDGES = transitions.register(Machine(
    name="pledge", model=Pledge, states=PledgeStatus,
    rows=[
        _row(P.DRAFT, OPEN, P.OPEN, ORGANISER, _("ban hành"), A.PLEDGE_OPEN, "ban-hanh"),
        _row(P.OPEN, RETURN_TO_DRAFT, P.DRAFT, ORGANISER, _("trả về soạn thảo"), A.PLEDGE_TO_DRAFT,
             "tra-ve-soan-thao"),
        _row(P.OPEN, CLOSE, P.CLOSED, MANAGER, _("kết thúc"), A.PLEDGE_CLOSE, "ket-thuc"),
    ],
    units={"unit": lambda pledge: pledge.bloc.organiser.path},
    authorise=_pledge_standing,
    wrong_state={OPEN: NOT_DRAFT, RETURN_TO_DRAFT: PLEDGE_NOT_OPEN, CLOSE: PLEDGE_NOT_OPEN},
    view_name="pledges:transition",
))

ROUNDS = transitions.register(Machine(
    name="scoring_round", model=ScoringRound, states=RoundStatus,
    rows=[
        _row(R.OPEN, LOCK, R.LOCKED, ORGANISER, _("chốt kết quả"), A.ROUND_LOCK, "chot"),
        # An open round is reopened too: its deadlines extended (gia hạn).
        _row(R.LOCKED, REOPEN, R.OPEN, MANAGER, _("mở lại"), A.ROUND_REOPEN, "mo-lai", needs_reason=True),
        _row(R.OPEN, REOPEN, R.OPEN, MANAGER, _("mở lại"), A.ROUND_REOPEN, "mo-lai", needs_reason=True),
    ],
    units={"unit": lambda rnd: rnd.pledge.bloc.organiser.path},
    authorise=_round_standing, blocked=_pledge_closed, wrong_state=ROUND_LOCKED, needs_reason=REASON_REQUIRED,
    view_name="pledges:round_transition",
))


def require(machine: Machine, actor, obj, action: str) -> None:
    """The house's logged 403 unless ACTOR has the standing ACTION of MACHINE needs on OBJ
    (in some state: a page answers a move in the wrong state with its message)."""
    if not machine.holds_role(actor, obj, action):
        access.refuse(actor, f"{machine.name}.{action}", obj)


def check(machine: Machine, actor, obj, action: str, *, reason: str = "") -> Transition:
    """`machine.check`, the actor's standing asked first."""
    require(machine, actor, obj, action)
    return machine.check(actor, obj, action, reason=reason)
