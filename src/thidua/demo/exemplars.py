"""The demo's điển hình tiên tiến: a few people and one collective of the last year's
awards nominated by the officer of Sở Nội vụ and the secretariat, in every state a page
shows (published, approved and not published, nominated), and the province's Hội nghị
điển hình tiên tiến honouring the published ones. Written through the services, so each
row has its audit trail as a real one would."""

import datetime as dt

from django.contrib.auth import get_user_model

from thidua.accounts.models import RoleGrant
from thidua.awards.models import Award
from thidua.exemplars import services
from thidua.org.models import Unit

STORIES = (
    ("hanh_chinh", "Tiên phong chuyển đổi số trong giải quyết thủ tục hành chính",
     "<p>Chủ động đề xuất và trực tiếp xây dựng quy trình tiếp nhận hồ sơ trực tuyến, rút ngắn thời gian giải quyết "
     "thủ tục từ 7 ngày xuống còn 3 ngày.</p><ul><li>100% hồ sơ được giải quyết đúng hạn;</li>"
     "<li>hướng dẫn 12 đơn vị trong tỉnh áp dụng cách làm mới.</li></ul>"),
    ("giao_duc", "Tận tụy với học sinh vùng khó khăn",
     "<p>Hơn mười năm gắn bó với điểm trường lẻ, vận động <strong>45 học sinh</strong> bỏ học trở lại lớp và tổ chức "
     "lớp học tình thương miễn phí vào buổi tối.</p>"),
    ("y_te", "Gương sáng trong chăm sóc sức khỏe nhân dân",
     "<p>Trực tiếp tham gia khám, chữa bệnh lưu động cho hơn <em>3.000 lượt</em> người dân vùng sâu; có sáng kiến "
     "cải tiến quy trình tiếp đón người bệnh được áp dụng toàn ngành.</p>"),
    ("kinh_te", "Tập thể dẫn đầu phong trào thi đua",
     "<h3>Thành tích nổi bật</h3><p>Hoàn thành vượt mức các chỉ tiêu được giao; xây dựng tập thể đoàn kết, "
     "không có cán bộ vi phạm kỷ luật.</p><blockquote>Đoàn kết là sức mạnh của tập thể.</blockquote>"),
)


def seed_exemplars(year: int, root: Unit) -> dict[str, int]:
    """Four exemplars of YEAR's awards (two published, one approved, one nominated) and a congress."""
    users = get_user_model().objects
    secretariat, officer = users.get(username="thuky"), users.get(username="canbo_snv")
    grant = RoleGrant.objects.filter(user=officer).select_related("unit").first()
    officer_path = grant.unit.path if grant is not None else ""
    standing = Award.objects.filter(year=year, revoked=False).select_related("person__current_unit", "unit")
    people = list(standing.filter(person__isnull=False, person__current_unit__isnull=False)
                  .order_by("id").distinct()[:200])
    picked, seen = [], set()
    # One of the officer's own department first (theirs to nominate), then others for the secretariat.
    for award in sorted(people, key=lambda a: not (officer_path and a.person.current_unit.path
                                                   .startswith(officer_path))):
        if award.person_id not in seen:
            seen.add(award.person_id)
            picked.append(award)
        if len(picked) == 3:
            break
    collective = standing.filter(unit__isnull=False).order_by("id").first()
    if collective is not None:
        picked.append(collective)
    made = []
    for n, (award, (field, headline, story)) in enumerate(zip(picked, STORIES, strict=False)):
        actor = officer if n == 0 and officer_path and award.scope_path.startswith(officer_path) else secretariat
        made.append(services.exemplar_nominate(actor=actor, award=award, field=field, year=year, story=story,
                                               headline=headline))
    # made[0] stays nominated (the officer's, waiting for the secretariat); the rest approved,
    # the last one held back from publishing.
    for exemplar in made[1:]:
        services.exemplar_approve(actor=secretariat, exemplar=exemplar)
    published = made[1:-1] if len(made) > 2 else made[1:]
    for exemplar in published:
        services.exemplar_publish(actor=secretariat, exemplar=exemplar)
    congresses = 0
    if published:
        congress = services.congress_create(
            actor=secretariat, kind="hoi_nghi", unit=root, held_on=dt.date(year, 12, 18),
            name=f"Hội nghị biểu dương điển hình tiên tiến năm {year}", venue="Hội trường Ủy ban nhân dân tỉnh")
        services.congress_honour(actor=secretariat, congress=congress, exemplars=published)
        congresses = 1
    return {"exemplars": len(made), "congresses": congresses}
