from thidua.core import appconfig


class AwardsConfig(appconfig.ThiduaApp):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Sổ khen thưởng, sáng kiến"
