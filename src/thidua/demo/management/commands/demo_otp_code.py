"""`thidua demo_otp_code admin`: the current sign-in code of a demo account.

Only the demo accounts' published keys are known to it (`demo.accounts.DEMO_TOTP_KEYS`),
never a real account's.
"""

from django.core.management.base import BaseCommand

from thidua.demo.accounts import DEMO_TOTP_KEYS, demo_code


class Command(BaseCommand):
    help = "In mã xác thực hai lớp hiện tại của một tài khoản mẫu (admin, thuky)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("username", choices=sorted(DEMO_TOTP_KEYS), help="Tài khoản mẫu.")

    def handle(self, *args, username: str, **options):
        self.stdout.write(demo_code(username))
