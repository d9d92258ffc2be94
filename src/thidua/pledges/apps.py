from thidua.core import appconfig


class PledgesConfig(appconfig.ThiduaApp):
    name = "thidua.pledges"
    label = "pledges"
    verbose_name = "Giao ước và chấm điểm khối thi đua"
