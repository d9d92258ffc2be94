"""Templates ask the state machine (`core.transitions`), not the state's string:

    {% load machines %}
    {% may sheet "submit" as can_submit %}          the actor may take the action now
    {% state_badge "registration_sheet" value %}    a state's label in its colour (a value read alone)
    {% if sheet|state_is:"returned" %}              the machine knows the state, or it raises
    <form action="{% transition_url sheet 'submit' %}">  the app's one transition view
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from thidua.core.transitions import MACHINES, MachineError, machine_for

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, obj, action: str) -> bool:
    if obj is None:
        return False
    return machine_for(obj).may(context["request"].user, obj, action)


@register.filter
def state_is(obj, names: str) -> bool:
    """Whether OBJ is in one of NAMES (comma-separated states of its machine). A name the
    machine lacks raises: a typo fails the page's test, not silently the user."""
    if obj is None:
        return False
    machine = machine_for(obj)
    wanted = {name.strip() for name in names.split(",")}
    unknown = wanted - set(machine.states.values)
    if unknown:
        raise MachineError(f"{machine.name} has no state {', '.join(sorted(unknown))}")
    return machine.state_of(obj) in wanted


@register.simple_tag
def transition_url(obj, action: str) -> str:
    """The URL of OBJ's app transition view for ACTION (its slug in the machine's table)."""
    machine = machine_for(obj)
    row = next(iter(machine.rows_for(action)), None)
    if row is None:
        raise MachineError(f"{machine.name} has no action {action}")
    return reverse(machine.view_name, args=[obj.pk, row.url_slug])


@register.simple_tag
def state_badge(machine: str, value: str, testid: str = "") -> str:
    """VALUE (a state of MACHINE, read without its record: an annotation) as a badge in the
    machine's colour for it."""
    machine = MACHINES[machine]
    return format_html('<span class="badge text-bg-{}"{}>{}</span>', machine.tones.get(value, "secondary"),
                       format_html(' data-testid="{}"', testid) if testid else "", machine.label(value))
