"""The Content-Security-Policy header (settings.THIDUA_CSP) on every page (HTML response).

Our own middleware rather than django-csp: the policy is one constant string with no
nonces or hashes (no page has an inline script or style), so a dependency would add
configuration, not behaviour. A view that serves a different kind of document sets its
own header (`PREVIEW_POLICY`), and this middleware leaves it alone.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"

# A document we draw ourselves for an <iframe> of our own pages (the certificate layout
# preview): its positioning is inline CSS, as in the PDF it previews. No script, nothing
# from elsewhere, framed by our own pages only.
PREVIEW_POLICY = "; ".join([
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only pages carry the policy: a PDF opened in the browser is shown by Chrome's viewer
        # inside a page of its own making, which the policy would blank (inline styles, the
        # plugin's <embed>); spreadsheets and files are downloads.
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        # Django's technical 404/500 pages (DEBUG only) are made of inline CSS and script.
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        if HEADER not in response:
            response[HEADER] = settings.THIDUA_CSP
        return response
