from django.conf import settings

from thidua.core import access
from thidua.home.navigation import main_menu
from thidua.notices.selectors import unread_count


def thidua(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    is_admin = signed_in and access.is_admin(user)
    return {
        "is_admin": is_admin,
        "main_menu": (lambda: main_menu(admin=is_admin, holds=lambda perm: access.has_any(user, perm)))
        if signed_in else [],
        "province_name": settings.THIDUA_PROVINCE_NAME,
        # Lazy: only pages that show the navigation bar pay for the count.
        "unread_notices": (lambda: unread_count(user)) if signed_in else 0,
    }
