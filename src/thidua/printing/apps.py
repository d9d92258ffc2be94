from django.apps import AppConfig


class PrintingConfig(AppConfig):
    name = "thidua.printing"
    label = "printing"
    verbose_name = "In văn bản và bằng khen"
