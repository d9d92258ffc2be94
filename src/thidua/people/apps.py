from thidua.core import appconfig


class PeopleConfig(appconfig.ThiduaApp):
    name = "thidua.people"
    label = "people"
    verbose_name = "Cá nhân, xếp loại, kỷ luật"
