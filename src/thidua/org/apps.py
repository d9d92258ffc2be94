from thidua.core import appconfig


class OrgConfig(appconfig.ThiduaApp):
    name = "thidua.org"
    label = "org"
    verbose_name = "Đơn vị và khối thi đua"
