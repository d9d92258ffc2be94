from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "thidua.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu từ Excel"
