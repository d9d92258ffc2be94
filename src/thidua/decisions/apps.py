from thidua.core import appconfig


class DecisionsConfig(appconfig.ThiduaApp):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = "Quyết định khen thưởng và quỹ"
