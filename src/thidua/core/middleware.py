import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from thidua.core import audit
from thidua.core.errors import ApplicationError


class RequestIdMiddleware:
    """Tags each request with an id that the audit rows of that request share.

    The id is always made here. A client's X-Request-Id is ignored: the audit trail is
    evidence, and a client-chosen id could tie unrelated requests together, collide with
    another request's or carry text of its choosing into the record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        token = audit.current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            audit.current_request_id.reset(token)
        response["X-Request-Id"] = request.request_id
        return response


class ApplicationErrorMiddleware:
    """A refusal no view caught (a Word template that fails with this decision's data, say)
    is shown to the user as its Vietnamese message, not as a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError) or isinstance(exception, DjangoPermissionDenied):
            return None
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            back = "/"
        return render(request, "core/refused.html", {"message": exception.message, "back": back}, status=400)
