"""The page-words checker itself: it sees what a reader sees and flags what is not theirs."""

from django.template import Context, Template

from tests.page_words import check, read

CODES = frozenset({"CO_TINH", "LDTT", "BK_TINH", "HTXSNV"})


def _found(html: str, **kwargs) -> set[tuple[str, str]]:
    return {(f.what, f.offending) for f in check(read(html), codes=CODES, **kwargs)}


def test_a_kind_code_put_back_into_a_template_is_caught():
    template = Template("<td>{{ kind.name }} ({{ kind.code }})</td>")
    html = template.render(Context({"kind": {"name": "Cờ thi đua cấp bộ, ban, ngành, tỉnh", "code": "CO_TINH"}}))
    assert _found(html) == {("mã", "CO_TINH")}
    assert _found(Template("<td>{{ kind.name }}</td>").render(Context({"kind": {"name": "Cờ thi đua"}}))) == set()


def test_each_rule_flags_its_words():
    html = """<p>registration_required; căn cứ chưa xác nhận, LAW.md §C</p><dl><dt>Created at</dt><dd>2027-06-30</dd>
    <dt>Role</dt><dd>True</dd></dl><p>(Q — Luật 2022 chưa đọc)</p>"""
    found = _found(html)
    assert {("snake_case", "registration_required"), ("ghi chú nghiên cứu", "LAW.md"), ("ghi chú nghiên cứu", "§C"),
            ("ghi chú nghiên cứu", "chưa xác nhận"), ("ghi chú nghiên cứu", "(Q —"), ("tiếng Anh", "Created"),
            ("tiếng Anh", "Role"), ("tiếng Anh", "True"), ("ngày ISO", "2027-06-30")} <= found


def test_what_a_browser_shows_or_reads_aloud_is_read_and_the_rest_is_not():
    html = """<script>var x = "BK_TINH";</script><style>.LDTT{}</style><input type="hidden" name="k" value="LDTT">
    <a href="/x/?loai=BK_TINH" title="Bằng khen (BK_TINH)">x</a><img alt="Status"><input placeholder="Search">
    <button aria-label="Delete">x</button><select name="s"><option value="LDTT">LDTT</option></select>"""
    assert _found(html) == {("mã", "BK_TINH"), ("tiếng Anh", "Status"), ("tiếng Anh", "Search"),
                            ("tiếng Anh", "Delete"), ("mã", "LDTT")}


def test_the_exemptions_hold_only_where_they_are_given():
    html = "<p>canbo_snv · nhung_nt@sonoivu.gov.vn · bao_cao_2025.xlsx</p><td><code>BK_TINH</code></td>"
    assert _found(html, allowed=frozenset({"canbo_snv"}), codes_in_code_elements=True) == set()
    assert _found(html, allowed=frozenset({"canbo_snv"})) == {("mã", "BK_TINH")}
    assert ("snake_case", "canbo_snv") in _found(html)


def test_links_htmx_and_get_forms_are_followed_with_their_defaults():
    page = read("""<a href="/ca-nhan/1/">a</a><div hx-get="/don-vi/1/con/"></div>
    <form method="get" action="/ca-nhan/"><input name="q" value=""><select name="nam"><option value="2024">2024</option>
    <option value="2025" selected>2025</option></select><button>Lọc</button></form>
    <form method="post" action="/dang-xuat/"><button>Đăng xuất</button></form>""")
    assert page.links == ["/ca-nhan/1/", "/don-vi/1/con/", "/ca-nhan/?nam=2025"]
    assert page.htmx == {"/don-vi/1/con/"}
