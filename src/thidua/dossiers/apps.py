from thidua.core import appconfig


class DossiersConfig(appconfig.ThiduaApp):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ đề nghị khen thưởng"
