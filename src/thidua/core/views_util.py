"""Small helpers every view uses: pagination, and `attempt`, the one way a view calls a
service and shows its refusal."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator

from thidua.core import once
from thidua.core.errors import ApplicationError, PermissionDenied


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


@dataclass
class Outcome:
    """What `attempt` got: the service's VALUE, or the ERROR it refused with. True when done."""

    value: Any = None
    error: ApplicationError | None = None

    def __bool__(self) -> bool:
        return self.error is None

    @property
    def url(self) -> str | None:
        """Where the record `attempt_once` created is shown; None when refused."""
        return self.value.url if self else None


def attempt(request, service, *, form=None, success=None, **kwargs) -> Outcome:
    """Call SERVICE(actor=request.user, **KWARGS), say SUCCESS (or SUCCESS(result)) when it
    went through, and show a refusal where the user looks:
    on FORM (the field it names, or the form as a whole) when one is given, else as one
    message per problem (a blocked submission lists every problem). A permission refusal
    is not a message: it stays the house's 403. A model's ValidationError (full_clean in a
    service) lands on the form's fields likewise."""
    try:
        outcome = Outcome(service(actor=request.user, **kwargs))
    except PermissionDenied:
        raise
    except ApplicationError as exc:
        if form is not None:
            form_error(form, exc)
        else:
            for problem in exc.extra.get("problems") or [exc.message]:
                messages.error(request, problem)
        return Outcome(error=exc)
    except ValidationError as exc:
        if form is None:
            raise
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return Outcome(error=ApplicationError(" ".join(exc.messages)))
    if success is not None:
        messages.success(request, success(outcome.value) if callable(success) else success)
    return outcome


def attempt_once(request, service, *, form=None, lands_on, success=None, **kwargs) -> Outcome:
    """`attempt` of a service that creates, once per form (`core.once.submit`, with LANDS_ON
    and SUCCESS): when done, its `value.url` is the created record's page (the first
    press's, on a second one)."""
    return attempt(request, lambda actor: once.submit(
        request, lambda: service(actor=actor, **kwargs), lands_on=lands_on, success=success), form=form)
