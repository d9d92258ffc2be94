"""`make bench` addition: 500 certificates in one PDF, from the demo province's awards.

`bench_certificates(n=500)` runs inside an already set up Django whose database holds the
seeded demo province. It takes the first N awards that come with a certificate (not
revoked, the catalog's `certificate: true`), makes their verification tokens once, then
times, as medians over REPEAT runs,
- the lower bound: the same N pages' HTML (layouts resolved, QR codes drawn, every value
  filled), without converting it to PDF;
- `certificate_pdf(awards)`: what a decision page asks for, one PDF of N pages;
- the `certificates_print` service: the same plus one audit row per award (rolled back);
and prints each in ms, per page, and as a ratio to the lower bound.

Standalone, against a seeded database:
    THIDUA_VAR=/tmp/pr DATABASE_URL=sqlite:////tmp/pr/db.sqlite3 python -m tests.perf.bench_printing
"""

import os
import sys
import time

from tests.perf.timing import Rollback, median_ms


def bench_certificates(n: int = 500, repeat: int = 3) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from thidua.awards.models import Award
    from thidua.catalog.selectors import current_kinds
    from thidua.core.roles import Role
    from thidua.printing import certificates, services

    without = [code for code, kind in current_kinds().items() if not kind.certificate]
    awards = list(Award.objects.filter(revoked=False).exclude(kind__in=without)
                  .select_related("person__current_unit", "unit").order_by("id")[:n])
    if not awards:
        print("no award with a certificate in the database: nothing to print", file=sys.stderr)
        return {}
    actor = (get_user_model().objects.filter(is_superuser=True).first()
             or get_user_model().objects.filter(role_grants__role=Role.ADMIN).first())
    t0 = time.perf_counter()
    certificates.ensure_tokens(awards)
    tokens_ms = (time.perf_counter() - t0) * 1000

    def html_only():
        certificates.sheets_html(certificates.award_sheets(awards))

    size = {}

    def pdf():
        size["bytes"] = len(certificates.certificate_pdf(awards))

    def service():
        try:
            with transaction.atomic():
                services.certificates_print(actor=actor, awards=awards)
                raise Rollback
        except Rollback:
            pass

    bound = median_ms(html_only, repeat)
    full = median_ms(pdf, repeat)
    audited = median_ms(service, repeat) if actor is not None else float("nan")
    kinds = sorted({a.kind for a in awards})
    print(f"\n== printing: {len(awards)} certificates in one PDF ==")
    print(f"kinds {', '.join(kinds)} · PDF {size['bytes'] / 1024:,.0f} KiB · verification tokens made in "
          f"{tokens_ms:.0f} ms")
    print(f"lower bound (the {len(awards)} pages' HTML, no PDF): {bound:.1f} ms")
    print(f"{'certificates':55} {'median ms':>10} {'ms/page':>8} {'× bound':>8}")
    for label, ms in ((f"certificate_pdf: {len(awards)} pages", full),
                      ("certificates_print service (+ audit rows; rolled back)", audited)):
        print(f"{label[:55]:55} {ms:10.1f} {ms / len(awards):8.2f} {ms / bound:8.1f}")
    return {"bound_ms": bound, "pdf_ms": full, "service_ms": audited, "pages": len(awards)}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    bench_certificates()
