"""The leaders who sign an authority's decisions, the delegated signatures its working rules
allow, and how the capacity a decision is signed in prints.

Nghị định 30/2020/NĐ-CP, Art. 13 and Appendix I, Part II, section 7 (docs/law.md D-sign): in a
body run by its head the head signs, a deputy signs "KT." before the head's title; an acting
head signs "Q."; the head of a body run collectively signs "TM." the collective (the People's
Committee); "TL." and "TUQ." are signed by the head of an internal office where the body's
working rules say so. The head's title comes from the authority (`org.labels.head_title`):
"CHỦ TỊCH" for a People's Committee, "GIÁM ĐỐC" for a Sở.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.core import access, audit
from thidua.core.concurrency import require_version
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.core.text import clean_name
from thidua.decisions import audit_actions as A
from thidua.decisions.models import Capacity, Signatory, SignerRank, SigningRules
from thidua.decisions.services.common import AUTHORITY_LEVELS, NOT_AN_AUTHORITY
from thidua.dossiers import desks
from thidua.org import labels
from thidua.org.models import Unit, UnitKind

FULL_NAME_REQUIRED = _("«Họ và tên»: hãy ghi họ tên người ký.")
POSITION_REQUIRED = _("«Chức vụ»: hãy ghi chức vụ, ví dụ «Phó Chủ tịch Ủy ban nhân dân tỉnh».")
RANK_UNKNOWN = _("«Vị trí»: hãy chọn người đứng đầu, cấp phó hoặc người đứng đầu đơn vị thuộc.")
ONE_HEAD = _("«Vị trí»: %(authority)s đã có người đứng đầu đang giữ chức vụ (%(name)s); hãy chuyển người đó sang "
             "không còn giữ chức vụ trước.")
SIGNATORY_TWICE = _("«Họ và tên»: %(name)s (%(position)s) đã có trong danh sách.")
SIGNATORY_REQUIRED = _("«Người ký»: hãy chọn người đã ký trong danh sách lãnh đạo ký của %s.")
SIGNATORY_ELSEWHERE = _("«Người ký»: %(name)s không có trong danh sách lãnh đạo ký của %(authority)s.")
SIGNATORY_INACTIVE = _("«Người ký»: %s không còn giữ chức vụ theo danh sách lãnh đạo ký.")
CAPACITY_UNKNOWN = _("«Thẩm quyền ký»: hãy chọn cách ký của người ký.")
NEEDS_HEAD = _("«Thẩm quyền ký»: «%(capacity)s» chỉ do người đứng đầu ký; %(name)s là %(position)s.")
NEEDS_DEPUTY = _("«Thẩm quyền ký»: ký thay (KT.) là của cấp phó; %(name)s là %(position)s.")
HEAD_NOT_ACTING = _("«Thẩm quyền ký»: người đứng đầu ký «%(head)s», không ký «Q.»; %(name)s là %(position)s.")
ON_BEHALF_ONLY_COMMITTEE = _("«Thẩm quyền ký»: «TM.» chỉ dùng cho quyết định của Ủy ban nhân dân (làm việc theo chế "
                             "độ tập thể); %s làm việc theo chế độ thủ trưởng.")
ON_BEHALF_NOT_AWARDS = _("«Thẩm quyền ký»: quyết định khen thưởng là quyết định của %(head)s %(authority)s, ký "
                         "«%(head)s» hoặc cấp phó ký thay «KT.», không ký «TM. Ủy ban nhân dân».")
DELEGATION_OFF = _("«Thẩm quyền ký»: %(authority)s chưa cho phép ký «%(prefix)s»; nếu quy chế làm việc có quy định, "
                   "hãy bật ở trang danh sách lãnh đạo ký.")
NEEDS_OFFICE_HEAD = _("«Thẩm quyền ký»: «%(prefix)s» do người đứng đầu đơn vị thuộc ký; %(name)s là %(position)s.")

COMMITTEES = (UnitKind.UBND_TINH, UnitKind.UBND_XA)
_PREFIX = {Capacity.BY_ORDER: "TL.", Capacity.DELEGATED: "TUQ."}


def head_title(authority: Unit) -> str:
    """"CHỦ TỊCH", "GIÁM ĐỐC": the head's title as a signature block prints it."""
    return labels.head_title(authority.name, authority.kind).upper()


def rules_of(authority: Unit) -> SigningRules:
    """AUTHORITY's rules (unsaved defaults, nothing delegated, when never set)."""
    return SigningRules.objects.filter(authority=authority).first() or SigningRules(authority=authority)


def capacities(authority: Unit) -> list[tuple[str, str]]:
    """The capacities offered at AUTHORITY, each with the label the issue form shows."""
    head = head_title(authority)
    offered = [(Capacity.HEAD, f"{head} ({_('người đứng đầu ký')})"),
               (Capacity.DEPUTY_FOR, f"KT. {head} / PHÓ {head} ({_('cấp phó ký thay')})"),
               (Capacity.ACTING, f"Q. {head} ({_('quyền người đứng đầu')})")]
    rules = rules_of(authority)
    if rules.by_order:
        offered.append((Capacity.BY_ORDER, f"TL. {head} ({_('thừa lệnh')})"))
    if rules.delegated:
        offered.append((Capacity.DELEGATED, f"TUQ. {head} ({_('thừa ủy quyền')})"))
    return offered


def capacity_text(capacity: str, authority: Unit, signatory: Signatory) -> str:
    """The signer's lines as the decision prints them, the capacity over the title joined by
    " — " ("KT. CHỦ TỊCH — PHÓ CHỦ TỊCH"; `printing.decision_documents.signer_lines` splits
    them); ApplicationError on the field `capacity` when SIGNATORY may not sign so."""
    head, rank = head_title(authority), signatory.rank
    who = {"name": signatory.full_name, "position": signatory.position}

    def refuse(message, **more):
        raise ApplicationError(message % (who | more), {"field": "capacity"})

    if capacity == Capacity.HEAD:
        if rank != SignerRank.HEAD:
            refuse(NEEDS_HEAD, capacity=head)
        return head
    if capacity == Capacity.DEPUTY_FOR:
        if rank != SignerRank.DEPUTY:
            refuse(NEEDS_DEPUTY)
        return f"KT. {head} — PHÓ {head}"
    if capacity == Capacity.ACTING:
        if rank == SignerRank.HEAD:
            refuse(HEAD_NOT_ACTING, head=head)
        return f"Q. {head}"
    if capacity == Capacity.ON_BEHALF:
        # An award decision is the head's own (the Chairman's, the Director's), never the
        # People's Committee's as a collective: it is signed by the head or for the head.
        if authority.kind not in COMMITTEES:
            raise ApplicationError(ON_BEHALF_ONLY_COMMITTEE % authority.name, {"field": "capacity"})
        raise ApplicationError(ON_BEHALF_NOT_AWARDS % {"head": head.capitalize(), "authority": authority.name},
                               {"field": "capacity"})
    if capacity in _PREFIX:
        prefix, rules = _PREFIX[capacity], rules_of(authority)
        if not (rules.by_order if capacity == Capacity.BY_ORDER else rules.delegated):
            raise ApplicationError(DELEGATION_OFF % {"authority": authority.name, "prefix": prefix},
                                   {"field": "capacity"})
        if rank != SignerRank.OFFICE_HEAD:
            refuse(NEEDS_OFFICE_HEAD, prefix=prefix)
        return f"{prefix} {head} — {signatory.position.upper()}"
    raise ApplicationError(CAPACITY_UNKNOWN, {"field": "capacity"})


def signatory_for(authority: Unit, signatory: Signatory | None) -> Signatory:
    """SIGNATORY read again, once it is an active leader of AUTHORITY."""
    if signatory is None:
        raise ApplicationError(SIGNATORY_REQUIRED % authority.name, {"field": "signatory"})
    row = Signatory.objects.filter(pk=signatory.pk).first()
    if row is None or row.authority_id != authority.pk:
        raise ApplicationError(SIGNATORY_ELSEWHERE % {"name": signatory.full_name, "authority": authority.name},
                               {"field": "signatory"})
    if not row.active:
        raise ApplicationError(SIGNATORY_INACTIVE % row.full_name, {"field": "signatory"})
    return row


def _require_authority(actor, authority: Unit) -> None:
    # The list is kept by the desk the authority belongs to: a Sở's by the Sở's desk.
    if not desks.acts_at(actor, Perm.DECISION_ISSUE, authority.path):
        access.refuse(actor, "signatory.change", authority)
    if authority.level not in AUTHORITY_LEVELS:
        raise ApplicationError(NOT_AN_AUTHORITY % authority.name, {"field": "authority"})


def _clean(signatory: Signatory, full_name: str, position: str, rank: str, active: bool) -> None:
    signatory.full_name, signatory.position = clean_name(full_name), clean_name(position)
    signatory.rank, signatory.active = rank, bool(active)
    if not signatory.full_name:
        raise ApplicationError(FULL_NAME_REQUIRED, {"field": "full_name"})
    if not signatory.position:
        raise ApplicationError(POSITION_REQUIRED, {"field": "position"})
    if rank not in SignerRank.values:
        raise ApplicationError(RANK_UNKNOWN, {"field": "rank"})
    others = Signatory.objects.filter(authority=signatory.authority).exclude(pk=signatory.pk)
    if others.filter(full_name=signatory.full_name, position=signatory.position).exists():
        raise ApplicationError(SIGNATORY_TWICE % {"name": signatory.full_name, "position": signatory.position},
                               {"field": "full_name"})
    head = others.filter(rank=SignerRank.HEAD, active=True).first()
    if signatory.active and rank == SignerRank.HEAD and head is not None:
        raise ApplicationError(ONE_HEAD % {"authority": signatory.authority.name, "name": head.full_name},
                               {"field": "rank"})


def _lock_authority(authority: Unit) -> Unit:
    # One list per authority: two additions at once are checked one after the other.
    return Unit.objects.select_for_update().get(pk=authority.pk)


@transaction.atomic
def signatory_add(*, actor, authority: Unit, full_name: str, position: str, rank: str,
                  active: bool = True) -> Signatory:
    """Add a leader who signs AUTHORITY's decisions. Raises PermissionDenied without
    `decision.issue` over AUTHORITY; ApplicationError for a missing name or position, the
    same person twice, or a second active head."""
    authority = _lock_authority(authority)
    _require_authority(actor, authority)
    signatory = Signatory(authority=authority)
    _clean(signatory, full_name, position, rank, active)
    signatory.save()
    audit.record(actor=actor, action=A.SIGNATORY_ADD, target=signatory, unit_path=authority.path,
                 after=audit.snapshot(signatory))
    return signatory


@transaction.atomic
def signatory_update(*, actor, signatory: Signatory, full_name: str, position: str, rank: str, active: bool,
                     version: int | None = None) -> Signatory:
    """Change a leader of the list (a new position, no longer in office), as `signatory_add`
    checks it; decisions already issued keep the name and capacity they printed."""
    authority = _lock_authority(signatory.authority)
    _require_authority(actor, authority)
    signatory = Signatory.objects.select_for_update().get(pk=signatory.pk, authority=authority)
    require_version(signatory, version, wanted={"full_name": full_name, "position": position})
    before = audit.snapshot(signatory)
    _clean(signatory, full_name, position, rank, active)
    return audit.save_changes(signatory, before, actor=actor, action=A.SIGNATORY_UPDATE, unit_path=authority.path)


@transaction.atomic
def signing_rules_update(*, actor, authority: Unit, by_order: bool, delegated: bool,
                         version: int | None = None) -> SigningRules:
    """Switch the delegated signatures ("TL.", "TUQ.") AUTHORITY's working rules allow."""
    authority = _lock_authority(authority)
    _require_authority(actor, authority)
    rules = SigningRules.objects.select_for_update().filter(authority=authority).first()
    if rules is None:
        rules = SigningRules(authority=authority)
    else:
        require_version(rules, version)
    before = audit.snapshot(rules) if rules.pk else {}
    rules.by_order, rules.delegated = bool(by_order), bool(delegated)
    return audit.save_changes(rules, before, actor=actor, action=A.SIGNING_RULES_UPDATE, unit_path=authority.path)
