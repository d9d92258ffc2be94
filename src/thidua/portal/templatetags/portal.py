"""What portal/base.html asks wherever it is drawn: by the portal's own views (rendered
without the request) and by the public pages of other apps that take its layout (the
consultations, the certificate check), rendered with it."""

from django import template

from thidua.portal import selectors

register = template.Library()


@register.simple_tag
def portal_province() -> str:
    """`selectors.province_name`: whose portal this is."""
    return selectors.province_name()


@register.simple_tag(takes_context=True)
def portal_here(context) -> str:
    """The path of the page drawn: given by the portal's views (`path`), else the request's."""
    if context.get("path"):
        return context["path"]
    request = context.get("request")
    return request.path if request is not None else ""


@register.filter
def startswith(text, prefix) -> bool:
    return str(text or "").startswith(str(prefix))
