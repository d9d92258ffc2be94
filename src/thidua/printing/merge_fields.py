"""What the secretariat may write between {{ }} in each Word template, in Vietnamese: the
upload page lists these beside the form. The keys are `contexts.DEFAULTS` plus the derived
ones `contexts.prepare` adds; a test keeps the two in step."""

from django.utils.translation import gettext_lazy as _

COMMON = {
    "issuer_parent": _("Cơ quan chủ quản (in hoa), ví dụ UBND tỉnh"),
    "issuer": _("Cơ quan ban hành (in hoa)"),
    "number": _("Số, ký hiệu khi đã có số, ví dụ 125/QĐ-UBND"),
    "symbol": _("Ký hiệu, ví dụ QĐ-UBND"),
    "number_text": _("Số, ký hiệu để in: khi chưa có số thì để trống phần số"),
    "place": _("Địa danh"),
    "date": _("Ngày ban hành (dùng với bộ lọc ngay, ngay_thang_nam)"),
    "date_text": _("«ngày 02 tháng 7 năm 2026»"),
    "date_short": _("«02/07/2026»"),
    "summary": _("Trích yếu nội dung"),
    "signer_authority": _("Quyền hạn ký: TM., KT. … hoặc để trống"),
    "signer_title": _("Chức vụ người ký (in hoa)"),
    "signer_name": _("Họ tên người ký"),
    "recipients_to": _("Nơi nhận: danh sách, mỗi dòng một nơi"),
    "archive": _("Dòng «Lưu:», ví dụ VT, TĐKT"),
}

BY_KIND = {
    "to_trinh": {
        "addressee": _("Kính gửi"),
        "issuer_short": _("Tên cơ quan trình như câu văn gọi"),
        "bases": _("Các dòng «Căn cứ …»"),
        "body": _("Các đoạn nội dung: thành tích, việc bình xét"),
        "proposals": _("Các dòng đề nghị: hình thức và số tập thể, cá nhân"),
        "closing": _("Câu kết «Kính trình … xem xét, quyết định./.»"),
    },
    "danh_sach": {
        "subtitle": _("Dòng dưới tiêu đề: đề nghị tặng hình thức gì"),
        "attached_to": _("«Kèm theo Tờ trình số … ngày … của …»"),
        "collectives": _("Danh sách tập thể: name, position_unit, form, achievement"),
        "individuals": _("Danh sách cá nhân: name, position_unit, form, achievement"),
    },
    "bien_ban": {
        "start": _("Giờ bắt đầu"), "end": _("Giờ kết thúc"),
        "start_text": _("«8 giờ 00 phút, ngày … tháng … năm …»"), "end_text": _("Như start_text, giờ kết thúc"),
        "venue": _("Địa điểm họp"),
        "chair": _("Chủ trì: name, title"), "secretary": _("Thư ký: name, title"),
        "members_total": _("Tổng số thành viên Hội đồng"),
        "present": _("Thành viên có mặt: name, title"), "absent": _("Vắng mặt: name, title, reason"),
        "quorum": _("Câu về số thành viên có mặt và điều kiện họp"),
        "agenda": _("Nội dung họp, mỗi dòng một việc"),
        "tellers": _("Ban kiểm phiếu: name, title, role"),
        "ballot_note": _("Số phiếu phát ra, thu về, hợp lệ"),
        "items": _("Kết quả từng trường hợp: name, unit, proposed, agree, disagree, lower, lower_form, result, "
                   "sources (số phiếu trực tuyến, giấy, văn bản, không hợp lệ)"),
        "conclusions": _("Kết luận của chủ trì"),
    },
    "quyet_dinh": {
        "decider": _("Người quyết định, dòng trên phần căn cứ"),
        "decider_short": _("Người quyết định, gọi tắt trong danh sách kèm theo"),
        "bases": _("Các dòng «Căn cứ …»"),
        "proposal_basis": _("«Theo đề nghị của … tại Tờ trình số …»"),
        "money_decree": _("Nghị định về tiền thưởng áp dụng theo ngày ký, «152/2025/NĐ-CP»"),
        "award_name": _("Tên hình thức khen thưởng"),
        "reason": _("Lý do: «đã có thành tích …»"),
        "collectives": _("Danh sách tập thể: name, position_unit, money, money_text"),
        "individuals": _("Danh sách cá nhân: name, position_unit, money, money_text"),
        "recipients_text": _("«02 tập thể và 05 cá nhân»"),
        "money_total": _("Tổng tiền thưởng (số)"),
        "money_total_text": _("Tổng tiền thưởng, «7.590.000»"),
        "money_total_words": _("Tổng tiền thưởng bằng chữ"),
        "fund_source": _("Nguồn chi"),
        "executors": _("Những người thi hành quyết định"),
    },
    "bao_cao": {
        "reporting_unit": _("Đơn vị báo cáo (số liệu gồm cả các đơn vị trực thuộc)"),
        "year": _("Năm báo cáo"), "next_year": _("Năm sau năm báo cáo"),
        "period_text": _("«từ ngày 01/12/2024 đến ngày 30/11/2025»: các quyết định được tính"),
        "movements_total": _("Số phong trào phát động trong năm"),
        "movement_rows": _("Số phong trào theo phương thức: label, total, province (cấp tỉnh), unit (cơ quan, đơn vị)"),
        "movements": _("Các phong trào: name, kind, organiser, launched, reviews (kết quả sơ kết, tổng kết)"),
        "registrations": _("Đăng ký thi đua theo danh hiệu: title, subject, registered, approved"),
        "registrations_total": _("Tổng số lượt đăng ký"), "registrations_approved": _("Số lượt đăng ký đã duyệt"),
        "award_levels": _("Khen thưởng theo cấp: label, total, rows (name, category, collectives, households, "
                          "individuals, total)"),
        "awards_total": _("Tổng số khen thưởng trong năm"), "awards_collectives": _("Số lượt tập thể"),
        "awards_households": _("Số lượt hộ gia đình"), "awards_individuals": _("Số lượt cá nhân"),
        "state_total": _("Tổng số của biểu 0602.N (cấp Nhà nước)"),
        "province_total": _("Tổng số của biểu 0603.N (cấp bộ, cấp tỉnh)"),
        "direct": _("Người trực tiếp: individuals, direct, share (tỷ lệ), unclassified (chưa có nhóm)"),
        "direct_levels": _("Tỷ lệ người trực tiếp theo cấp: label, individuals, direct, share"),
        "exemplars": _("Điển hình tiên tiến: total, approved, published, honoured"),
        "exemplar_rows": _("Các điển hình: name, unit, field, state, congresses"),
        "congresses": _("Hội nghị, đại hội: name, kind, held_on, honoured"),
        "fund": _("Quỹ thi đua, khen thưởng: shown, income (thu vào quỹ), paid (chi), recovered (thu hồi), net, "
                  "difference (chênh lệch thu, chi), decisions"),
        "fund_rows": _("Quỹ theo đơn vị: unit, income, paid, recovered, net, difference, decisions"),
    },
}


def fields_for(kind: str) -> list[tuple[str, str]]:
    """(key, Vietnamese description) for KIND: its own keys first, then the common ones."""
    return [*BY_KIND[kind].items(), *COMMON.items()]
