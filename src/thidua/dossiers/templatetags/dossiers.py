from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

_DOSSIER = {
    "draft": "text-bg-secondary", "submitted": "text-bg-info", "received": "text-bg-info",
    "under_review": "text-bg-primary", "returned": "text-bg-warning", "consultation": "text-bg-primary",
    "to_council": "text-bg-primary", "voted": "text-bg-primary", "decision_drafted": "text-bg-primary",
    "decided": "text-bg-success", "refused": "text-bg-danger", "forwarded": "text-bg-success",
    "sent": "text-bg-info", "cancelled": "text-bg-light",
}
_ITEM = {
    "pending": "text-bg-light", "returned": "text-bg-warning", "accepted": "text-bg-success",
    "excluded": "text-bg-secondary", "withdrawn": "text-bg-secondary", "approved": "text-bg-success",
    "rejected": "text-bg-danger", "decided": "text-bg-success", "refused": "text-bg-danger",
    "forwarded": "text-bg-info",
}


@register.filter
def dossier_badge(state: str) -> str:
    return _DOSSIER.get(state, "text-bg-light")


@register.filter
def item_badge(state: str) -> str:
    return _ITEM.get(state, "text-bg-light")


@register.filter
def labels(codes, mapping) -> list[str]:
    """The labels of CODES in MAPPING (unknown codes as they are)."""
    return [mapping.get(c, c) for c in codes or []]


# The council's result an item keeps (`item.vote`): its outcome and tally keys are codes.
_VOTE_WORDS = {
    "agree": _("Đồng ý"), "disagree": _("Không đồng ý"), "lower": _("Đồng ý mức thấp hơn"),
    "invalid": _("Phiếu không hợp lệ"), "voters": _("Số người bỏ phiếu"), "threshold": _("Mức cần đạt"),
}


@register.filter
def vote_word(code: str) -> str:
    """A council result's code ("agree", "voters") as its Vietnamese words."""
    return str(_VOTE_WORDS.get(code, code))
