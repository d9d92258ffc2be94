from thidua.core import appconfig


class CouncilsConfig(appconfig.ThiduaApp):
    name = "thidua.councils"
    label = "councils"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"
