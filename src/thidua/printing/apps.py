from thidua.core import appconfig


class PrintingConfig(appconfig.ThiduaApp):
    name = "thidua.printing"
    label = "printing"
    verbose_name = "In văn bản và bằng khen"
