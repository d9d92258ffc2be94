"""The unit picker: a unit chosen by typing part of its name or code.

A province has some 2,000 units; a <select> listing them all made every page carrying one
grow with the province (issue 10, finding 10). The picker renders only the chosen unit(s);
`static/thidua/unit-picker.js` turns it into a Tom Select that asks `org:unit_choices`
(`choices_for`) for the units matching what is typed, always within the user's scope.

Use `UnitField` / `UnitMultipleField` in forms (the queryset, set as usual, still decides
what is valid), or `{% unit_picker %}` (`org_pickers`) in a plain filter form.
"""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from thidua.core import access
from thidua.core.roles import ROLE_PERMS, Perm
from thidua.core.selectors import matching
from thidua.core.text import search_tokens
from thidua.org import labels
from thidua.org.models import Unit

# The permissions a picker may narrow by: what some role carries over a subtree.
PERMS = frozenset(perm for perms in ROLE_PERMS.values() for perm in perms)
LIMIT = 20
INACTIVE = _("đã ngừng hoạt động")


def choices_url(*, perm: str = Perm.ORG_VIEW, active: bool = False, under: int | None = None,
                levels: int | None = None, destination: bool = False) -> str:
    """The address the picker asks: units where the user holds PERM (and sees them), only
    ACTIVE ones if asked, inside UNDER's subtree and at most LEVELS below it; or, as a
    DESTINATION of a transfer, every active unit of the province."""
    if destination:
        return f"{reverse('org:unit_choices')}?{urlencode({'chuyen-den': '1'})}"
    params = {"quyen": perm}
    if active:
        params["hoat-dong"] = "1"
    if under is not None:
        params["duoi"] = under
    if levels is not None:
        params["cap"] = levels
    return f"{reverse('org:unit_choices')}?{urlencode(params)}"


def unit_label(unit: Unit, parents: dict) -> str:
    text = labels.unit_text(unit, parents)
    return text if unit.is_active else f"{text} ({INACTIVE})"


def choices_for(user, query: str, *, perm: str = Perm.ORG_VIEW, active: bool = False, under: Unit | None = None,
                levels: int | None = None, destination: bool = False, limit: int = LIMIT) -> list[dict]:
    """At most LIMIT units for the picker, nearest the top first: those USER sees and holds
    PERM over whose name, short name or code holds every word of QUERY (all of them, by
    tree order, for an empty query). Two queries whatever the province's size.

    A DESTINATION of a transfer may be any active unit of the province (the sending side
    alone needs the right, `people.views.transfer`): offered to whoever may move people."""
    if destination:
        allowed = access.has_any(user, Perm.PEOPLE_CHANGE)
        units = Unit.objects.filter(active_until__isnull=True) if allowed else Unit.objects.none()
    else:
        units = access.scope(user, perm, access.scope(user, Perm.ORG_VIEW, Unit.objects.all()))
    if active:
        units = units.filter(active_until__isnull=True)
    if under is not None:
        units = units.filter(path__startswith=under.path)
        if levels is not None:
            units = units.filter(depth__lte=under.depth + levels)
    tokens = search_tokens(query)
    units = matching(units, query)
    found = list(units.order_by("depth", "name", "pk")[:limit] if tokens else units.order_by("path")[:limit])
    parents = labels.parents_of(found)
    return [{"id": u.pk, "text": unit_label(u, parents)} for u in found]


class _Picker:
    """What the single and multiple pickers share: the address, the texts, and options for
    the chosen units only."""

    def __init__(self, attrs=None, *, perm: str = Perm.ORG_VIEW, active: bool = False, under: int | None = None,
                 levels: int | None = None, destination: bool = False, placeholder=None):
        super().__init__(attrs)
        self.perm, self.active, self.under, self.levels = perm, active, under, levels
        self.destination, self.placeholder = destination, placeholder

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update({
            "data-unit-picker": "1",
            "data-url": choices_url(perm=self.perm, active=self.active, under=self.under, levels=self.levels,
                                    destination=self.destination),
            "data-placeholder": str(self.placeholder or _("Gõ tên hoặc mã đơn vị để tìm…")),
            "data-no-results": str(_("Không tìm thấy đơn vị phù hợp trong phạm vi của bạn.")),
            "data-loading": str(_("Đang tìm…")),
            "data-clear": str(_("Bỏ chọn")),
            "data-remove": str(_("Bỏ đơn vị này")),
        })
        return context

    def use_required_attribute(self, initial):
        # Django's Select looks at the first choice, which would read the queryset; the
        # picker's first option is always the empty one.
        return forms.Widget.use_required_attribute(self, initial)

    def optgroups(self, name, value, attrs=None):
        chosen = [int(v) for v in value if str(v).isdigit()]
        queryset = getattr(self.choices, "queryset", None)
        units = list(queryset.filter(pk__in=chosen)) if chosen and queryset is not None else []
        parents = labels.parents_of(units)
        options = []
        if not self.allow_multiple_selected:
            # The empty choice lets a filter be cleared and a required field start blank.
            options.append(self.create_option(name, "", "", not units, 0))
        for index, unit in enumerate(units, start=len(options)):
            options.append(self.create_option(name, unit.pk, unit_label(unit, parents), True, index))
        return [(None, options, 0)]


class UnitPicker(_Picker, forms.Select):
    pass


class UnitMultiPicker(_Picker, forms.SelectMultiple):
    pass


class UnitField(forms.ModelChoiceField):
    """One unit, chosen with the picker; PERM, ACTIVE, UNDER and LEVELS tell the picker what
    to offer (`choices_url`), the queryset what to accept."""

    def __init__(self, *, perm: str = Perm.ORG_VIEW, active: bool = False, queryset=None, **kwargs):
        kwargs.setdefault("widget", UnitPicker(perm=perm, active=active))
        kwargs.setdefault("empty_label", "")
        super().__init__(queryset=queryset, **kwargs)


class UnitMultipleField(forms.ModelMultipleChoiceField):
    """Several units, chosen with the picker (`UnitField`)."""

    def __init__(self, *, perm: str = Perm.ORG_VIEW, active: bool = False, queryset=None, **kwargs):
        kwargs.setdefault("widget", UnitMultiPicker(perm=perm, active=active))
        super().__init__(queryset=queryset, **kwargs)
