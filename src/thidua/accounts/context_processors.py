from thidua.core import access
from thidua.core.roles import Perm


def signin(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    # Lazy: evaluated only where the user menu is drawn (the grants are cached per request).
    return {"may_unlock": (lambda: access.has_any(user, Perm.ACCOUNT_UNLOCK)) if signed_in else False}
