from thidua.core import appconfig


class ImportsConfig(appconfig.ThiduaApp):
    name = "thidua.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu từ Excel"
