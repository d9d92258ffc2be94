from django import template

from thidua.pledges.models import EVIDENCE_EXTENSIONS
from thidua.pledges.ranking import fmt

register = template.Library()


@register.filter
def pts(value, blank="—"):
    """Points the Vietnamese way: 8,5 · 10 · — when not given."""
    if value is None or value == "":
        return blank
    return fmt(value)


@register.simple_tag
def evidence_accept() -> str:
    """The file types an evidence upload takes, for the input's `accept` attribute."""
    return ",".join(f".{ext}" for ext in EVIDENCE_EXTENSIONS)
