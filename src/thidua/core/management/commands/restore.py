from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import backup_restore
from thidua.core.errors import ApplicationError


class Command(BaseCommand):
    help = ("Restore a backup folder made by `thidua backup` into the configured database and MEDIA_ROOT, "
            "both empty (a new server, or a drill on a second database). Then run `thidua migrate`.")

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options):
        try:
            done = backup_restore(folder.resolve())
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(_("Đã phục hồi %(tables)d bảng (%(rows)d dòng) và %(files)d tệp từ %(path)s")
                          % {"tables": done.tables, "rows": done.rows, "files": done.files, "path": done.path})
