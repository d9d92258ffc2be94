from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "thidua.notices"
    label = "notices"
    verbose_name = "Nhắc việc và thông báo"
