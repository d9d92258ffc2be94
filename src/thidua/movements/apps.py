from thidua.core import appconfig


class MovementsConfig(appconfig.ThiduaApp):
    name = "thidua.movements"
    label = "movements"
    verbose_name = "Phong trào thi đua"
