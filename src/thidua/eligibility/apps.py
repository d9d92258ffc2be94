from thidua.core import appconfig


class EligibilityConfig(appconfig.ThiduaApp):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = "Xét điều kiện khen thưởng"
