"""Two-factor sign-in with time-based codes (TOTP, RFC 6238) through django-otp.

One confirmed `TOTPDevice` per account. `required_for` says who must have one;
`code_at` is the one place a code is computed outside django-otp's own check (the demo's
`thidua demo_otp_code` and the tests use it).
"""

import base64
import binascii
import time

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core import access
from thidua.core.roles import Role

# Roles that can change every unit's records, grants and awards under their unit.
REQUIRED_ROLES = frozenset({Role.ADMIN, Role.SECRETARIAT})


def required_for(user) -> bool:
    """Whether USER must sign in with a code (THIDUA_OTP_REQUIRED, on in production)."""
    if not settings.THIDUA_OTP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or bool(access.roles(user) & REQUIRED_ROLES)


def device_for(user) -> TOTPDevice | None:
    """USER's confirmed device, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def session_verified(request) -> bool:
    """Whether this session was signed in with a code (or enrolled a device) on a device
    the account still has: once a device is removed (an administrator's reset after a lost
    phone, its owner turning it off) the sessions it opened no longer count as verified."""
    persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
    if not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == request.user.pk and device.confirmed


def key_hex(base32_key: str) -> str:
    """A base32 key as an authenticator app shows it ("ABCD EFGH …") to the hex key
    django-otp stores."""
    compact = "".join(base32_key.split()).upper()
    compact += "=" * (-len(compact) % 8)
    return binascii.hexlify(base64.b32decode(compact)).decode()


def manual_key(device: TOTPDevice) -> str:
    """The key to type into an authenticator app: base32 in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def code_at(hex_key: str, when: float | None = None, *, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for HEX_KEY at WHEN (now by default)."""
    totp = TOTP(binascii.unhexlify(hex_key.encode()), step=step, digits=digits)
    totp.time = time.time() if when is None else when
    return str(totp.token()).zfill(digits)


def qr_svg(device: TOTPDevice) -> SafeString:
    """The enrolment QR code as inline SVG (drawn on the server: no script, no request)."""
    qr = segno.make(device.config_url, error="m")
    # segno writes only path data and presentation attributes: nothing user-typed.
    svg = qr.svg_inline(scale=5, dark="#000", light="#fff", title=str(_("Mã QR để cài đặt ứng dụng xác thực")))
    return mark_safe(svg)  # noqa: S308


def wait_seconds(device: TOTPDevice) -> int:
    """Seconds before DEVICE checks another code (django-otp doubles the wait after each
    wrong one); 0 when it checks now."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return 0
    until = (info or {}).get("locked_until")
    return max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
