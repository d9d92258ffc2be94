from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts import otp, services
from thidua.accounts.forms import GrantForm, UserCreateForm
from thidua.accounts.models import RoleGrant
from thidua.core import access
from thidua.core.views_util import attempt, paginate


def _admin_only(request) -> None:
    if not access.is_admin(request.user):
        raise access.PermissionDenied(access.REFUSED)


@login_required
@require_http_methods(["GET", "POST"])
def users(request):
    _admin_only(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, services.user_create, form=form, **form.cleaned_data)
        if done:
            messages.success(request, _("Đã tạo tài khoản %s; hãy cấp quyền cho tài khoản.") % done.value.username)
            return redirect("accounts:user_detail", done.value.pk)
    grants = Prefetch("role_grants", queryset=RoleGrant.objects.select_related("unit", "bloc"))
    qs = get_user_model().objects.prefetch_related(grants).order_by("username")
    return render(request, "accounts/users.html", {"page_obj": paginate(request, qs, 50), "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request, pk: int):
    _admin_only(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and attempt(request, services.grant_add, form=form, user=user,
                                                                **form.cleaned_data):
        messages.success(request, _("Đã cấp quyền."))
        return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_detail.html", {
        "account": user, "form": form, "otp_device": otp.device_for(user),
        "grants": user.role_grants.select_related("unit", "bloc").order_by("role"),
    })


@login_required
@require_POST
def grant_revoke(request, pk: int, grant_pk: int):
    _admin_only(request)
    grant = get_object_or_404(RoleGrant.objects.select_related("unit", "user"), pk=grant_pk, user_id=pk)
    services.grant_revoke(actor=request.user, grant=grant, reason=request.POST.get("reason", ""))
    messages.success(request, _("Đã thu hồi quyền."))
    return redirect("accounts:user_detail", pk)


@login_required
@require_POST
def user_toggle(request, pk: int):
    _admin_only(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    attempt(request, services.user_set_active, user=user, active=not user.is_active)
    return redirect("accounts:user_detail", pk)
