from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.printing.services import certificate_batches_prune


class Command(BaseCommand):
    help = "Delete the certificate batch files past their download period (also done at every new batch)."

    def handle(self, *args, **options):
        self.stdout.write(_("Đã xóa %d tệp in bằng hết hạn.") % certificate_batches_prune())
