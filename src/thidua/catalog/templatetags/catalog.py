"""Money and coefficients written the Vietnamese way: 2.530.000 đ, hệ số 0,3."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def vnd(value):
    """An amount of VND with dots between thousands ("760.000 đ"); empty for None."""
    if value in (None, ""):
        return ""
    return f"{int(value):,} đ".replace(",", ".")


@register.filter
def coef(value):
    """A coefficient with a decimal comma ("0,3", "2,25"); "—" when there is none."""
    if value in (None, ""):
        return "—"
    number = Decimal(str(value)).normalize()
    return format(number, "f").replace(".", ",")


@register.filter
def get_label(mapping, key):
    return mapping.get(key, key) if mapping else key
