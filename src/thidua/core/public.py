"""The cache headers of public pages (no sign-in): the portal and the consultations (the
certificate check is `never_cache`: a revocation shows at once); and /robots.txt.

A public page is the same for everyone, so a shared cache (the province's reverse proxy,
a CDN) may keep it for `PUBLIC_MAX_AGE` seconds: what the secretariat withdraws from the
public leaves those caches within that time, which is why it is minutes, not hours. It
varies with the language the browser asks for (the pages are translated). A public page
that holds a form carries a CSRF token of its visitor: it is `private` and kept by nobody.
"""

from functools import wraps

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found

from thidua.core.net import absolute_url

# Seconds a public page may be reused by browsers and shared caches.
PUBLIC_MAX_AGE = 300


def public_page(view=None, *, max_age: int = PUBLIC_MAX_AGE):
    """Mark VIEW's successful GET/HEAD answers `Cache-Control: public, max-age=MAX_AGE` and
    `Vary: Accept-Language`; other answers (a POST, an error, a redirect) are `private,
    no-cache`, so no cache keeps a 404 of a decision about to be published."""

    def decorate(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            try:
                response = func(request, *args, **kwargs)
            except Http404 as exc:
                response = page_not_found(request, exc)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                patch_cache_control(response, public=True, max_age=max_age)
            else:
                patch_cache_control(response, private=True, no_cache=True, max_age=0)
            patch_vary_headers(response, ("Accept-Language",))
            return response

        return wrapped

    return decorate(view) if view is not None else decorate


def private_page(func):
    """Mark VIEW's answers `Cache-Control: private, no-cache, max-age=0`: a public page with a
    form (its visitor's CSRF token) that no shared cache may keep."""

    @wraps(func)
    def wrapped(request, *args, **kwargs):
        response = func(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapped


# Public pages to crawl (the portal, the consultations); the rest is behind the sign-in, and
# a certificate check answers one QR code (its page also says noindex).
_ROBOTS = """User-agent: *
Allow: /cong-khai/
Allow: /ho-so/lay-y-kien/
Allow: /static/
Disallow: /xac-minh/
Disallow: /
Sitemap: {sitemap}
"""


@require_safe
@public_page(max_age=24 * 60 * 60)
def robots_txt(request):
    """/robots.txt (routed by the app at the site's root): what crawlers may read, and where
    the portal's sitemap is, on the site's public address."""
    return HttpResponse(_ROBOTS.format(sitemap=absolute_url(request, reverse("portal:sitemap"))),
                        content_type="text/plain; charset=utf-8")
