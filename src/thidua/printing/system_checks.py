"""Deployment checks of printing (`thidua check --deploy`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def public_url_set(app_configs, **kwargs):
    """QR codes go on paper for good: a deployment names its public address."""
    if settings.THIDUA_PUBLIC_URL:
        return []
    return [checks.Warning(
        "THIDUA_PUBLIC_URL is not set: certificates' QR codes use the host of each request (an internal name "
        "behind a reverse proxy) and certificate batches drawn in the background are refused in production.",
        hint="Set THIDUA_PUBLIC_URL to the site's public address, e.g. https://thiduakhenthuong.bacninh.gov.vn.",
        id="printing.W001",
    )]
