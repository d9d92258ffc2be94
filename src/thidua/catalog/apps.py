from thidua.core import appconfig


class CatalogConfig(appconfig.ThiduaApp):
    name = "thidua.catalog"
    label = "catalog"
    verbose_name = "Danh mục danh hiệu, hình thức khen thưởng"
