from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.notices.services import reminders_send
from thidua.notices.tasks import send_reminders


class Command(BaseCommand):
    help = ("Queue today's reminder run (bring every user's stored reminders up to date, e-mail new ones); "
            "--now runs it here. Run it daily from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="send in this process instead of queueing")
        parser.add_argument("--base-url", default="", help="site address put before the links in e-mails")

    def handle(self, *args, now=False, base_url="", **options):
        if now:
            count = reminders_send(base_url=base_url)
            self.stdout.write(_("Đã tạo %d nhắc việc mới.") % count)
        else:
            result = send_reminders.enqueue(base_url=base_url)
            self.stdout.write(_("Đã xếp hàng gửi nhắc việc (%s).") % result.id)
