from thidua.core import appconfig


class DocumentsConfig(appconfig.ThiduaApp):
    name = "thidua.documents"
    label = "documents"
    verbose_name = "Văn bản"
