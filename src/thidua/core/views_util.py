"""Small helpers every view uses: pagination and turning business errors into form errors."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 25):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("trang"))


def form_error(form, exc) -> None:
    """Attach an ApplicationError to the field it names, or to the form as a whole.

    A stale save (`concurrency.StaleError`) on a versioned form also keeps the values the
    user typed, lists the values saved meanwhile (`form.stale`, shown by
    includes/form_fields.html) and moves the form's hidden version to the current one."""
    field = exc.extra.get("field")
    form.add_error(field if field in form.fields else None, str(exc.message))
    if exc.extra.get("stale") and "version" in form.fields and hasattr(form, "rebase"):
        form.rebase({"version": exc.extra["version"], **exc.extra.get("rebase", {})})
        form.stale = exc.extra


def int_param(raw) -> int | None:
    """A whole number from a query string, or None for anything else ("", "abc", "-1")."""
    return int(raw) if raw and str(raw).isdigit() else None
