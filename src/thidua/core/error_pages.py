"""The page a user sees when the server fails (handler500).

It is rendered without the request's context processors, menus or database: whatever
broke the request may break those again. Should even the template fail (a missing static
manifest, say), a fixed Vietnamese page is answered instead of the server's bare error."""

import logging

from django.http import HttpResponseServerError
from django.template import loader

log = logging.getLogger("thidua.errors")

FALLBACK = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi hệ thống · thidua</title></head><body>'
    "<h1>Hệ thống gặp lỗi khi xử lý yêu cầu này</h1>"
    "<p>Thao tác có thể chưa hoàn tất: hãy kiểm tra lại rồi thử lại sau ít phút. Nếu vẫn lỗi, hãy báo quản trị hệ "
    'thống.</p><p><a href="/">Về trang tổng quan</a></p></body></html>'
)


def server_error(request, template_name: str = "500.html"):
    request_id = getattr(request, "request_id", "")
    # Django has logged the traceback already; this line ties it to the id the user reads out.
    log.error("server error on %s %s, request id %s", request.method, request.path, request_id or "-")
    try:
        body = loader.get_template(template_name).render({"request_id": request_id})
    except Exception:
        log.exception("the 500 page itself failed")
        body = FALLBACK
    return HttpResponseServerError(body)
