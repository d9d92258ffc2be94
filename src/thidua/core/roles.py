"""Roles (DESIGN.md §7) and the permissions each one carries on its unit's subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", _("Cán bộ TĐKT đơn vị")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    SECRETARIAT = "secretariat", _("Thường trực / Ban TĐKT")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    BLOC_LEADER = "bloc_leader", _("Trưởng khối / cụm thi đua")
    ADMIN = "admin", _("Quản trị hệ thống")


class Perm:
    ORG_VIEW = "org.view"
    ORG_CHANGE = "org.change"
    PEOPLE_VIEW = "people.view"
    PEOPLE_CHANGE = "people.change"
    PEOPLE_VIEW_CCCD = "people.view_cccd"
    EVALUATION_CHANGE = "evaluation.change"
    DOCUMENT_VIEW = "document.view"
    DOCUMENT_CHANGE = "document.change"
    BLOC_CHANGE = "bloc.change"
    AWARD_VIEW = "award.view"
    # Titles and forms decided inside the unit (LĐTT, CSTĐCS, TTLĐTT, Giấy khen…: the
    # authority levels `xa` and `co_quan` of the catalog).
    AWARD_CHANGE = "award.change"
    # Every level, including provincial and State awards received from above.
    AWARD_CHANGE_ALL = "award.change_all"
    AWARD_REVOKE = "award.revoke"
    INITIATIVE_CHANGE = "initiative.change"
    MOVEMENT_VIEW = "movement.view"
    # Launch and edit the movements a unit organises (its own subtree takes part).
    MOVEMENT_CHANGE = "movement.change"
    REGISTRATION_CHANGE = "registration.change"
    REGISTRATION_APPROVE = "registration.approve"
    # Change a registration after the movement's deadline (the secretariat's call).
    REGISTRATION_LATE = "registration.late"
    # Set up a bloc's pledge and scoring rounds (the organiser's secretariat; a bloc
    # leader does it for its own bloc and year through its grant).
    PLEDGE_MANAGE = "pledge.manage"
    # Sign the pledge and self-score on behalf of one's own unit.
    SCORE_SELF = "score.self"
    DOSSIER_VIEW = "dossier.view"
    # Build a unit's proposal dossier (items, reports, attachments).
    DOSSIER_CHANGE = "dossier.change"
    # Sign and send the unit's dossier upward (the head).
    DOSSIER_SUBMIT = "dossier.submit"
    # The receiving authority's work: receive, assign, review, return, consult, send to council.
    DOSSIER_REVIEW = "dossier.review"
    # Vote in the council of the authority the grant names.
    COUNCIL_VOTE = "council.vote"
    # Draft decisions and keep the fund ledger of the authority.
    DECISION_CHANGE = "decision.change"
    # The decision right of the authority: its head justifies a line the engine finds not
    # eligible and revokes awards.
    DECISION_SIGN = "decision.sign"
    # Record a decision of the authority as issued: the number the văn thư registered, the
    # leader who signed and in what capacity, the signed copy; and keep the list of the
    # authority's leaders who sign. The secretariat's work (docs/architecture.md).
    DECISION_ISSUE = "decision.issue"
    # Calibrate the certificate layouts and print.
    PRINT_MANAGE = "print.manage"
    # Lift the sign-in lock of an account holding a role under the unit.
    ACCOUNT_UNLOCK = "account.unlock"
    # See the register of điển hình tiên tiến and the congresses that honour them.
    EXEMPLAR_VIEW = "exemplar.view"
    # Nominate a person or collective of the unit's subtree as an exemplar, and edit the
    # nomination until it is approved (the unit's TĐKT officer).
    EXEMPLAR_NOMINATE = "exemplar.nominate"
    # Approve or return nominations, publish them, run the congresses (the secretariat).
    EXEMPLAR_APPROVE = "exemplar.approve"


_ALL_READ = {Perm.ORG_VIEW, Perm.PEOPLE_VIEW, Perm.DOCUMENT_VIEW, Perm.AWARD_VIEW, Perm.MOVEMENT_VIEW,
             Perm.DOSSIER_VIEW, Perm.EXEMPLAR_VIEW}
# The secretariat keeps the work of its authority: everything but voting and the decision
# right; it records the decisions its leaders signed (DECISION_ISSUE).
_SECRETARIAT = frozenset(
    _ALL_READ
    | {
        Perm.ORG_CHANGE, Perm.PEOPLE_CHANGE, Perm.PEOPLE_VIEW_CCCD, Perm.EVALUATION_CHANGE,
        Perm.DOCUMENT_CHANGE, Perm.BLOC_CHANGE, Perm.AWARD_CHANGE, Perm.AWARD_CHANGE_ALL, Perm.AWARD_REVOKE,
        Perm.INITIATIVE_CHANGE, Perm.MOVEMENT_CHANGE, Perm.REGISTRATION_CHANGE, Perm.REGISTRATION_APPROVE,
        Perm.REGISTRATION_LATE, Perm.PLEDGE_MANAGE, Perm.SCORE_SELF, Perm.DOSSIER_CHANGE, Perm.DOSSIER_SUBMIT,
        Perm.DOSSIER_REVIEW, Perm.DECISION_CHANGE, Perm.DECISION_ISSUE, Perm.PRINT_MANAGE, Perm.ACCOUNT_UNLOCK,
        Perm.EXEMPLAR_NOMINATE, Perm.EXEMPLAR_APPROVE,
    }
)

ROLE_PERMS: dict[str, frozenset[str]] = {
    Role.UNIT_OFFICER: frozenset(
        _ALL_READ
        | {Perm.PEOPLE_CHANGE, Perm.PEOPLE_VIEW_CCCD, Perm.EVALUATION_CHANGE, Perm.DOCUMENT_CHANGE,
           Perm.AWARD_CHANGE, Perm.INITIATIVE_CHANGE, Perm.MOVEMENT_CHANGE, Perm.REGISTRATION_CHANGE,
           Perm.SCORE_SELF, Perm.DOSSIER_CHANGE, Perm.EXEMPLAR_NOMINATE}
    ),
    # The head approves and signs; keeping CCCD masked for them follows need-to-know.
    Role.UNIT_HEAD: frozenset(_ALL_READ | {Perm.EVALUATION_CHANGE, Perm.REGISTRATION_APPROVE, Perm.SCORE_SELF,
                                           Perm.DOSSIER_SUBMIT, Perm.DECISION_SIGN}),
    Role.SECRETARIAT: _SECRETARIAT,
    Role.COUNCIL_MEMBER: frozenset({Perm.ORG_VIEW, Perm.DOCUMENT_VIEW, Perm.MOVEMENT_VIEW, Perm.DOSSIER_VIEW,
                                    Perm.COUNCIL_VOTE}),
    Role.BLOC_LEADER: frozenset({Perm.ORG_VIEW, Perm.MOVEMENT_VIEW}),
    # The administrator works as the secretariat does, on every unit (core.access.is_admin).
    Role.ADMIN: _SECRETARIAT,
}
