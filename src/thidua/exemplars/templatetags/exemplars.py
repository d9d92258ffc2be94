"""`{% may_nominate subject as flag %}`: whether the page's user may nominate SUBJECT (an
award, a person or a unit) as an exemplar. Pages of lower apps (an award, a movement's
review) load it to show the "Đề cử điển hình tiên tiến" link only then; the link itself
names an exemplars URL."""

from django import template

from thidua.core import access
from thidua.core.roles import Perm

register = template.Library()


def _path(subject) -> str:
    if hasattr(subject, "scope_path"):  # an award
        return "" if subject.revoked else subject.scope_path
    if hasattr(subject, "current_unit"):  # a person
        return subject.current_unit.path if subject.current_unit_id else ""
    return getattr(subject, "path", "")


@register.simple_tag(takes_context=True)
def may_nominate(context, subject) -> bool:
    path = _path(subject)
    return bool(path) and access.covers(context["request"].user, Perm.EXEMPLAR_NOMINATE, path)
