"""`{% can_print award as flag %}`: whether the page's user may print AWARD's certificate
(the award pages show the "In bằng" link only then)."""

from django import template

from thidua.catalog.selectors import current_kinds
from thidua.core import access
from thidua.core.roles import Perm

register = template.Library()


@register.simple_tag(takes_context=True)
def can_print(context, award) -> bool:
    user = context["request"].user
    if award.revoked or not access.covers(user, Perm.PRINT_MANAGE, award.scope_path):
        return False

    info = current_kinds().get(award.kind)
    return info is None or info.certificate
