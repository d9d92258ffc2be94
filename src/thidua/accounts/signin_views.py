"""Signing in: the password, then (where there is a device, or one is required) a code;
the two-factor settings page; the list of locked accounts.

Between the two steps the session holds only the pending account's id: the visitor is
still anonymous, so no page opens until the code is right.
"""

import time

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts import lockout, otp, selectors, services
from thidua.accounts.forms import CodeForm, OtpDisableForm, PasswordChangeForm
from thidua.accounts.models import SignInLock
from thidua.core import access
from thidua.core.net import client_ip
from thidua.core.roles import Perm
from thidua.core.views_util import attempt

PENDING = "thidua_signin_pending"
# The authenticator this session is setting up (services.otp_device_start).
ENROLLING = "thidua_otp_enrolling"
# Time to type the code, or to set up the app when it is required, after the password.
PENDING_SECONDS = 15 * 60


def _safe_next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _locked_out(request, refusal: lockout.Refusal):
    request.session.pop(PENDING, None)
    until = timezone.localtime(refusal.until)
    minutes = max(1, int((refusal.until - timezone.now()).total_seconds() + 59) // 60)
    response = render(request, "accounts/locked_out.html", {
        "refusal": refusal, "until": until, "minutes": minutes,
        "by_address": refusal.kind == SignInLock.Kind.ADDRESS,
        "window": settings.THIDUA_SIGNIN_WINDOW_MINUTES, "help": settings.THIDUA_SIGNIN_HELP,
    }, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def _pending_user(request):
    data = request.session.get(PENDING)
    if not data or time.time() - data.get("started", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    if user is not None:
        user.backend = data["backend"]
    return user


def _complete(request, user, device):
    """Sign USER in for good: the session, the device that vouched for it, the counters."""
    nxt = request.session.pop(PENDING, {}).get("next") or _safe_next(request)
    auth_login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        django_otp.login(request, device)
    lockout.success_record(account=user)
    return redirect(nxt)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def signin(request):
    """Step one: the password. Locked accounts and addresses are refused before it is checked."""
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST":
        typed = request.POST.get("username", "")
        address = client_ip(request)
        account = lockout.account_for(typed)
        refusal = lockout.refusal_for(account=account, typed=typed, address=address)
        if refusal is not None:
            return _locked_out(request, refusal)
        if form.is_valid():
            user = form.get_user()
            device = otp.device_for(user)
            if device is None and not otp.required_for(user):
                return _complete(request, user, None)
            request.session.cycle_key()
            request.session[PENDING] = {"user": user.pk, "backend": user.backend, "next": _safe_next(request),
                                        "started": time.time()}
            return redirect("accounts:signin_code" if device else "accounts:otp_setup")
        if lockout.normalize(typed) and request.POST.get("password"):
            refusal = lockout.failure_record(account=account, typed=typed, address=address)
            if refusal is not None:
                return _locked_out(request, refusal)
    return render(request, "accounts/login.html", {"form": form, "next": request.POST.get("next")
                                                   or request.GET.get("next", "")})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def signin_code(request):
    """Step two: the code from the account's authenticator app."""
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Phiên đăng nhập đã hết hạn; hãy đăng nhập lại."))
        return redirect("accounts:login")
    device = otp.device_for(user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        address = client_ip(request)
        refusal = lockout.refusal_for(account=user, typed="", address=address)
        if refusal is not None:
            return _locked_out(request, refusal)
        if form.is_valid():
            wait = otp.wait_seconds(device)
            if wait:
                form.add_error("code", str(services.CODE_WAIT % {"n": wait}))
            elif django_otp.verify_token(user, device.persistent_id, form.cleaned_data["code"]) is not None:
                return _complete(request, user, device)
            else:
                form.add_error("code", str(services.CODE_WRONG))
                refusal = lockout.failure_record(account=user, typed="", address=address)
                if refusal is not None:
                    return _locked_out(request, refusal)
    return render(request, "accounts/signin_code.html", {"form": form, "account": user})


@sensitive_post_parameters("code", "password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Set up the authenticator app (scan the QR code or type the key, confirm a code), or,
    when it is on, see it and turn it off. Also the step a required account without a
    device is sent to right after its password."""
    pending = not request.user.is_authenticated
    user = _pending_user(request) if pending else request.user
    if user is None:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    device = otp.device_for(user)
    if device is not None:
        if pending:
            return redirect("accounts:signin_code")
        return render(request, "accounts/otp_on.html", {
            "device": device, "required": otp.required_for(user), "form": OtpDisableForm()})
    candidate = services.otp_device_start(actor=user, current=request.session.get(ENROLLING))
    request.session[ENROLLING] = candidate.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A pending account acts for itself: it is not signed in yet (`request.user` is anonymous).
        done = attempt(request, lambda actor: services.otp_enable(actor=user, device=candidate,
                                                                  code=form.cleaned_data["code"]), form=form)
        if done:
            confirmed = done.value
            request.session.pop(ENROLLING, None)
            messages.success(request, _("Đã bật xác thực hai lớp. Từ nay mỗi lần đăng nhập, sau mật khẩu hãy "
                                        "nhập mã trên ứng dụng xác thực."))
            if pending:
                return _complete(request, user, confirmed)
            django_otp.login(request, confirmed)
            return redirect("accounts:otp_setup")
    return render(request, "accounts/otp_setup.html", {
        "form": form, "pending": pending, "required": pending or otp.required_for(user),
        "qr": otp.qr_svg(candidate), "key": otp.manual_key(candidate), "account": user,
    })


@sensitive_post_parameters("code", "password")
@login_required
@require_POST
def otp_disable(request):
    form = OtpDisableForm(request.POST)
    if form.is_valid() and attempt(request, services.otp_disable, form=form, password=form.cleaned_data["password"],
                                   code=form.cleaned_data["code"], address=client_ip(request)):
        request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        messages.success(request, _("Đã tắt xác thực hai lớp."))
        return redirect("accounts:otp_setup")
    device = otp.device_for(request.user)
    if device is None:
        return redirect("accounts:otp_setup")
    return render(request, "accounts/otp_on.html", {
        "device": device, "required": otp.required_for(request.user), "form": form}, status=400)


class PasswordChange(PasswordChangeView):
    """Django's page, saving through the audited service."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")
    form_class = PasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "address": client_ip(self.request)}

    def form_valid(self, form):
        if not attempt(self.request, services.user_password_change, form=form, user=self.request.user,
                       new_password=form.cleaned_data["new_password1"]):
            return self.form_invalid(form)
        self.request.user.refresh_from_db(fields=["password"])
        # Keep this session signed in (and its second factor) while others end.
        update_session_auth_hash(self.request, self.request.user)
        return redirect(self.get_success_url())


@login_required
def lockouts(request):
    """Accounts locked out of signing in, within the viewer's units, with "Mở khóa"."""
    if not access.has_any(request.user, Perm.ACCOUNT_UNLOCK):
        raise access.PermissionDenied(access.REFUSED)
    return render(request, "accounts/lockouts.html", {
        "locks": selectors.locked_accounts(request.user), "address_locks": selectors.locked_addresses(request.user),
        "limit": settings.THIDUA_SIGNIN_ACCOUNT_LIMIT, "window": settings.THIDUA_SIGNIN_WINDOW_MINUTES,
    })


@login_required
@require_POST
def account_unlock(request, pk: int):
    account = get_object_or_404(selectors.accounts_unlockable(request.user), pk=pk)
    return _unlock(request, services.account_unlock, _("Đã mở khóa đăng nhập cho tài khoản %s.") % account.username,
                   account=account)


@login_required
@require_POST
def address_unlock(request, pk: int):
    if not access.is_admin(request.user):
        raise access.PermissionDenied(access.REFUSED)
    lock = get_object_or_404(SignInLock, pk=pk, kind=SignInLock.Kind.ADDRESS)
    return _unlock(request, services.address_unlock, _("Đã mở khóa đăng nhập cho địa chỉ %s.") % lock.address,
                   lock=lock)


def _unlock(request, unlock, done: str, **kwargs):
    """`attempt` of UNLOCK (a service); back to the lockout list with DONE or the refusal."""
    if attempt(request, unlock, **kwargs):
        messages.success(request, done)
    return redirect("accounts:lockouts")


@login_required
@require_POST
def otp_reset(request, pk: int):
    """An administrator removes an account's authenticator (a lost phone)."""
    if not access.is_admin(request.user):
        raise access.PermissionDenied(access.REFUSED)
    account = get_object_or_404(get_user_model(), pk=pk)
    if attempt(request, services.otp_reset, user=account, reason=request.POST.get("reason", "")):
        messages.success(request, _("Đã đặt lại xác thực hai lớp; tài khoản sẽ cài đặt lại ứng dụng khi đăng nhập."))
    return redirect("accounts:user_detail", pk)

