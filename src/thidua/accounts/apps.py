from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from thidua.accounts import audit_actions  # noqa: F401 — registers the action codes
        from thidua.accounts.selectors import grants_of
        from thidua.core import access

        access.grant_reader.fill(grants_of)
