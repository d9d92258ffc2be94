"""Where two-factor sign-in is required, a session without its second factor opens nothing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from thidua.accounts import otp


class SecondFactorMiddleware:
    """Signs out a session of an account that must use two-factor sign-in but did not
    (a role granted while signed in, a session from before the requirement, a sign-in by
    any door other than ours), and sends it to sign in again.

    The sign-in steps themselves never make such a session: until the code is right the
    visitor is anonymous. Without the requirement this costs nothing per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (settings.THIDUA_OTP_REQUIRED and request.user.is_authenticated
                and otp.required_for(request.user) and not otp.session_verified(request)):
            logout(request)
            messages.warning(request, _("Tài khoản của bạn phải đăng nhập bằng mật khẩu và mã xác thực hai lớp; "
                                        "hãy đăng nhập lại."))
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
