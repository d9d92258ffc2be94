from thidua.core import appconfig


class AccountsConfig(appconfig.ThiduaApp):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"
