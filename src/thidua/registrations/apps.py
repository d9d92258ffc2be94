from thidua.core import appconfig


class RegistrationsConfig(appconfig.ThiduaApp):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = "Đăng ký thi đua"
