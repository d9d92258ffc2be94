from django.conf import settings

from thidua.core import access


def thidua(request):
    user = getattr(request, "user", None)
    return {
        "is_admin": bool(user and user.is_authenticated and access.is_admin(user)),
        "province_name": settings.THIDUA_PROVINCE_NAME,
    }
