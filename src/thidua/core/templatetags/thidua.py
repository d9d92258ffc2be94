import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from thidua.core import audit, history, once, text
from thidua.core.selectors import history_for

register = template.Library()


@register.filter
def vndate(value):
    """A date, or an ISO date string from an audit snapshot, as dd/mm/yyyy."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        # An ISO date-time from an audit snapshot: local time, as the rest of the page shows it.
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%H:%M %d/%m/%Y")
    return value


@register.inclusion_tag("includes/audit_panel.html", takes_context=True)
def audit_panel(context, target):
    events = history_for(target)
    rows = [{"event": e, "label": audit.action_label(e.action), "changes": changes}
            for e, changes in zip(events, history.changes_of(events), strict=True)]
    return {"rows": rows}


@register.simple_tag(takes_context=True)
def sort_url(context, key):
    """Query string that sorts by KEY, flipping the direction when it is the current sort."""
    request = context["request"]
    current = request.GET.get("sap-xep", "")
    params = request.GET.copy()
    params["sap-xep"] = f"-{key}" if current == key else key
    params.pop("trang", None)
    return "?" + urlencode(params, doseq=True)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    params = context["request"].GET.copy()
    params["trang"] = number
    return "?" + urlencode(params, doseq=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


register.filter("display_name", text.display_name)


@register.simple_tag(takes_context=True)
def once_field(context):
    """The one-time token of a create form (`core.once`), as a hidden input."""
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.token_for(context["request"]))
