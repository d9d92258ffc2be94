"""Small helpers every view uses: pagination and turning business errors into form errors."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 25):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("trang"))


def form_error(form, exc) -> None:
    """Attach an ApplicationError to the field it names, or to the form as a whole."""
    field = exc.extra.get("field")
    form.add_error(field if field in form.fields else None, str(exc.message))


def int_param(raw) -> int | None:
    """A whole number from a query string, or None for anything else ("", "abc", "-1")."""
    return int(raw) if raw and str(raw).isdigit() else None
