import uuid

from thidua.core import audit


class RequestIdMiddleware:
    """Tags each request with an id that the audit rows of that request share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        request.request_id = request_id[:64]
        token = audit.current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            audit.current_request_id.reset(token)
        response["X-Request-Id"] = request.request_id
        return response
