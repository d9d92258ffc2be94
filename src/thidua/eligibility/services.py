"""Eligibility writes: switching a draft rule set on or off (administrators only)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua import rules
from thidua.core import access, audit
from thidua.core.concurrency import require_version
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.eligibility import audit_actions as A
from thidua.eligibility.models import RulesetSwitch

NOT_A_DRAFT = _("Chỉ bật/tắt được bộ quy tắc dự thảo; bộ quy tắc «%(id)s» không phải dự thảo.")
ONLY_ADMIN = _("Chỉ quản trị hệ thống được bật hoặc tắt bộ quy tắc dự thảo.")


@transaction.atomic
def ruleset_draft_set(*, actor, ruleset_id: str, enabled: bool, version: int | None = None,
                      reason: str = "") -> RulesetSwitch:
    """Switch the draft rule set RULESET_ID on or off for every page that judges by year.
    A province-wide legal choice, so the administrator's alone, and audited."""
    try:
        ruleset = rules.get_ruleset(ruleset_id)
    except rules.RulesetError as error:
        raise ApplicationError(str(error), {"field": "ruleset"}) from None
    if not ruleset.draft:
        raise ApplicationError(NOT_A_DRAFT % {"id": ruleset_id}, {"field": "ruleset"})
    switch, _created = RulesetSwitch.objects.get_or_create(ruleset_id=ruleset_id)
    switch = RulesetSwitch.objects.select_for_update().get(pk=switch.pk)
    if not access.is_admin(actor):
        raise PermissionDenied(ONLY_ADMIN)
    require_version(switch, version)
    before = audit.snapshot(switch)
    switch.enabled = enabled
    return audit.save_changes(switch, before, actor=actor, action=A.RULESET_DRAFT_SET, unit_path="", reason=reason)
