from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts import services
from thidua.core.errors import ApplicationError
from thidua.core.forms import BootstrapMixin
from thidua.core.roles import Role
from thidua.org.models import Bloc, Unit
from thidua.org.picker import UnitField


class UserCreateForm(BootstrapMixin, forms.Form):
    username = forms.RegexField(label=_("Tên đăng nhập"), regex=r"^[a-zA-Z0-9_.-]{3,64}$", max_length=64,
                                error_messages={"invalid": _("Chỉ dùng chữ không dấu, số và . _ - (3–64 ký tự).")})
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, min_length=8)


class GrantForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = UnitField(label=_("Trên đơn vị"), queryset=Unit.objects.filter(active_until__isnull=True), active=True)
    bloc = forms.ModelChoiceField(label=_("Khối (với trưởng khối)"), queryset=Bloc.objects.all(), required=False)
    year = forms.IntegerField(label=_("Năm (với trưởng khối)"), required=False, min_value=2000, max_value=2100)


CODE_FORMAT = _("Mã xác thực gồm 6 chữ số, xem trong ứng dụng xác thực trên điện thoại.")


class CodeForm(BootstrapMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"), max_length=12,
        error_messages={"required": _("Hãy nhập mã xác thực.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self) -> str:
        # Apps show the code as "123 456"; the space is the app's, not part of the code.
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(CODE_FORMAT)
        return code


class OtpDisableForm(CodeForm):
    password = forms.CharField(label=_("Mật khẩu"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    field_order = ["password", "code"]


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, its current-password check counted as a sign-in attempt
    (`services.own_password_check`)."""

    def __init__(self, user, *args, address: str = "", **kwargs):
        super().__init__(user, *args, **kwargs)
        self.address = address

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        try:
            services.own_password_check(actor=self.user, password=old, address=self.address, field="old_password")
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message, code="password_incorrect") from exc
        return old
