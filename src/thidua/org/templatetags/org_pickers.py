"""`{% unit_picker %}`: the unit picker (`org.picker`) in a plain GET filter form."""

from django import template
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext as _

from thidua.core import access
from thidua.core.roles import Perm
from thidua.org.models import Unit
from thidua.org.picker import UnitPicker

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_picker(context, name: str, unit=None, *, under=None, perm: str = Perm.ORG_VIEW, id: str = "",
                css: str = "form-select form-select-sm", placeholder: str = ""):
    """A picker named NAME holding UNIT (or nothing), offering the units of UNDER's subtree
    that the user sees and holds PERM over."""
    widget = UnitPicker(attrs={"class": css, "id": id or f"f-{name}"}, perm=perm,
                        under=getattr(under, "pk", under), placeholder=placeholder or _("Tất cả đơn vị"))
    widget.choices = _Chosen(access.scope(context["request"].user, Perm.ORG_VIEW, Unit.objects.all()))
    return widget.render(name, getattr(unit, "pk", unit))


class _Chosen(BaseChoiceIterator):
    """The picker's choices: nothing listed, the queryset only to name the chosen unit."""

    def __init__(self, queryset):
        self.queryset = queryset

    def __iter__(self):
        return iter(())
