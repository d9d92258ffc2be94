"""Signing in for tests, the way a person does: the password, then the code where one is
asked. Every test that signs in goes through `login` (Django's test client, here) or
`tests.e2e.conftest.sign_in` (Chromium), and every code comes from `current_code`."""

import time

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts import otp


def current_code(device: TOTPDevice) -> str:
    """A code DEVICE accepts now. django-otp accepts each time step once; when this step's
    code was used already (two sign-ins within 30 seconds), the next step's, which the
    device's tolerance of one step accepts, or a wait for it."""
    device.refresh_from_db()
    now = time.time()
    step_now = int(now - device.t0) // device.step
    target = max(step_now, device.last_t + 1)
    if target > step_now + device.tolerance:
        time.sleep(device.t0 + (target - device.tolerance) * device.step - now + 0.05)
    when = now if target == step_now else device.t0 + target * device.step
    return otp.code_at(device.key, when, step=device.step, digits=device.digits)


def code_for(user) -> str:
    """A current code of USER's confirmed device (or the one being set up)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    assert device is not None, f"{user.username} has no authenticator device"
    return current_code(device)


def login(client, user, password: str):
    """Sign USER in on CLIENT through the sign-in pages; set up the authenticator first when
    the account must have one and has none. Returns CLIENT."""
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": password})
    assert response.status_code == 302, f"sign-in of {user.username} refused ({response.status_code})"
    if response["Location"] == reverse("accounts:otp_setup"):
        client.get(response["Location"])  # draws the key to scan
        response = client.post(reverse("accounts:otp_setup"), {"code": code_for(user)})
    elif response["Location"] == reverse("accounts:signin_code"):
        response = client.post(reverse("accounts:signin_code"), {"code": code_for(user)})
    assert response.status_code == 302, f"code step of {user.username} refused ({response.status_code})"
    assert client.session.get("_auth_user_id") == str(user.pk), f"{user.username} is not signed in"
    return client
