"""The moves of a dossier, of its items and of the public's opinions (`core.transitions`).

- `DOSSIERS`: the rows of data/workflows/dossier.yaml (`workflow.transitions()`), each with
  its verb, audit code and URL slug from here. The table follows the file: read again after
  `workflow.clear_cache()` (tests swap the file). A move writes the timeline line
  (`DossierEvent`); the step's clock is set by the service before the move (`services.
  transitions._apply`), so the row is written once.
- `ITEMS`: an item moves with its dossier (`perms=()`: `shift` / `shift_all`, the dossier's
  step checked and audits).
- `OPINIONS`: the secretariat publishes or hides an opinion sent from the public page.
"""

from django.utils.translation import gettext_lazy as _

from thidua.core import transitions
from thidua.core.roles import Perm
from thidua.core.transitions import Machine, Transition
from thidua.dossiers import audit_actions as A
from thidua.dossiers import desks, workflow
from thidua.dossiers.models import (
    LIVE_ITEM_STATES,
    ConsultationOpinion,
    Dossier,
    DossierEvent,
    DossierItem,
    DossierState,
    ItemState,
    OpinionStatus,
)

S, IS, OS = DossierState, ItemState, OpinionStatus

# The refusals of a move (re-exported by `services.messages`, where tests import them).
WRONG_STATE = _("Không thể %(action)s hồ sơ đang ở trạng thái «%(state)s».")
NEEDS_REASON = _("Cần ghi rõ lý do %(action)s.")

ACTION_WORDS = {
    "submit": _("trình"), "receive": _("tiếp nhận"), "accept": _("thẩm định"), "return": _("trả lại"),
    "resubmit": _("trình lại"), "open_consultation": _("lấy ý kiến công khai"),
    "close_consultation": _("kết thúc lấy ý kiến"), "to_council": _("trình Hội đồng"),
    "recall": _("rút khỏi Hội đồng"), "record_votes": _("ghi kết quả bỏ phiếu"),
    "draft_decision": _("dự thảo quyết định cho"), "decide": _("ghi quyết định cho"),
    "refuse": _("không khen thưởng"), "forward": _("trình cấp trên"), "cancel": _("hủy"),
}
_AUDIT = {
    "submit": A.DOSSIER_SUBMIT, "receive": A.DOSSIER_RECEIVE, "accept": A.DOSSIER_ACCEPT,
    "return": A.DOSSIER_RETURN, "resubmit": A.DOSSIER_RESUBMIT, "open_consultation": A.DOSSIER_OPEN_CONSULTATION,
    "close_consultation": A.DOSSIER_CLOSE_CONSULTATION, "to_council": A.DOSSIER_TO_COUNCIL,
    "recall": A.DOSSIER_RECALL, "record_votes": A.DOSSIER_RECORD_VOTES, "draft_decision": A.DOSSIER_DRAFT_DECISION,
    "decide": A.DOSSIER_DECIDE, "refuse": A.DOSSIER_REFUSE, "forward": A.DOSSIER_FORWARD,
    "cancel": A.DOSSIER_CANCEL,
}
# The URL segments of the dossier page's steps (`dossiers:transition`, and the review's own pages).
SLUGS = {
    "submit": "trinh", "receive": "tiep-nhan", "resubmit": "trinh-lai", "open_consultation": "lay-y-kien",
    "close_consultation": "ket-thuc-lay-y-kien", "to_council": "trinh-hoi-dong", "recall": "rut-khoi-hoi-dong",
    "cancel": "huy", "accept": "tham-dinh", "return": "tra-lai",
}


def _rows(table) -> list[Transition]:
    return [Transition(row.source, row.action, row.target, row.perms, on=row.on, needs_reason=row.needs_reason,
                       limit=row.limit, verb=ACTION_WORDS[row.action], audit=_AUDIT[row.action],
                       slug=SLUGS.get(row.action, "")) for row in table.values()]


def _timeline(actor, dossier: Dossier, row: Transition, previous: str, *, reason: str = "", detail=None) -> None:
    """The dossier's timeline line of a move (its clock was set with the move)."""
    DossierEvent.objects.create(dossier=dossier, actor=actor if getattr(actor, "pk", None) else None,
                                action=row.action, from_state=previous, to_state=row.target,
                                comment=(reason or "").strip(), detail=detail or {}, due_on=dossier.due_on)


class WorkflowMachine(Machine):
    """A machine whose table is the workflow file's, read again when the file is
    (`workflow.clear_cache()` drops the cached `Workflow`; the next question rebuilds)."""

    def __post_init__(self):
        self._read = None
        super().__post_init__()

    @property
    def table(self) -> dict:
        current = workflow.workflow()
        if current is not self._read:
            self._read = current
            self.replace(_rows(current.transitions))
        return self._table

    @table.setter
    def table(self, value: dict) -> None:
        self._table = value


_DOSSIER_UNITS = {"unit": lambda d: d.unit.path, "authority": lambda d: d.authority_path}
DOSSIERS = transitions.register(WorkflowMachine(
    name="dossier", model=Dossier, states=DossierState, rows=(),
    units=_DOSSIER_UNITS,
    # The receiving authority's steps are the desk's the dossier belongs to (`desks`).
    authorise=desks.authorise(_DOSSIER_UNITS, lambda d: d),
    wrong_state=WRONG_STATE, needs_reason=NEEDS_REASON, reason_field="comment",
    on_move=_timeline, view_name="dossiers:transition",
))


ITEM_WRONG_STATE = _("Không thể %(action)s trường hợp đang ở trạng thái «%(state)s».")
# How an item moves with its dossier (the verbs only word the refusal of a move the table lacks).
_ITEM_MOVES = [
    ("accept", _("nhất trí trình"), (IS.PENDING, IS.ACCEPTED, IS.EXCLUDED), IS.ACCEPTED),
    ("exclude", _("không trình"), (IS.PENDING, IS.ACCEPTED, IS.EXCLUDED), IS.EXCLUDED),
    ("return", _("trả lại"), (IS.PENDING, IS.ACCEPTED), IS.RETURNED),
    ("resubmit", _("trình lại"), (IS.RETURNED,), IS.PENDING),
    ("withdraw", _("rút"), LIVE_ITEM_STATES, IS.WITHDRAWN),
    ("approve", _("ghi nhất trí"), (IS.ACCEPTED,), IS.APPROVED),
    ("reject", _("ghi không nhất trí"), (IS.ACCEPTED,), IS.REJECTED),
    ("decide", _("ghi quyết định cho"), (IS.PENDING, IS.APPROVED), IS.DECIDED),
    ("refuse", _("không khen thưởng"), LIVE_ITEM_STATES, IS.REFUSED),
    ("forward", _("trình cấp trên"), (IS.APPROVED,), IS.FORWARDED),
]

ITEMS = transitions.register(Machine(
    name="dossier_item", model=DossierItem, states=ItemState,
    rows=[Transition(source, action, target, verb=verb)
          for action, verb, sources, target in _ITEM_MOVES for source in sources],
    wrong_state=ITEM_WRONG_STATE,
))


PUBLISH, HIDE = "publish", "hide"

OPINIONS = transitions.register(Machine(
    name="consultation_opinion", model=ConsultationOpinion, states=OpinionStatus,
    # The audit row is the dossier's (`services.opinion_moderate`): rows carry no code.
    rows=[Transition(source, action, target, (Perm.DOSSIER_REVIEW,), on="authority", verb=verb)
          for action, verb, target in ((PUBLISH, _("đăng"), OS.PUBLISHED), (HIDE, _("không đăng"), OS.HIDDEN))
          for source in OS.values],
    units={"authority": lambda opinion: opinion.dossier.authority_path},
    authorise=desks.authorise({}, lambda opinion: opinion.dossier),
    wrong_state=_("Không thể %(action)s ý kiến đang ở trạng thái «%(state)s»."),
))
