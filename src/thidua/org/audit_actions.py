from django.utils.translation import gettext_lazy as _

from thidua.core.audit import register

UNIT_CREATE = register("unit.create", _("Thêm đơn vị"))
UNIT_UPDATE = register("unit.update", _("Sửa thông tin đơn vị"))
UNIT_CLOSE = register("unit.close", _("Ngừng hoạt động đơn vị"))
UNIT_SUCCESSION = register("unit.succession", _("Ghi nhận sáp nhập / chia tách"))
UNIT_EVALUATION_SET = register("unit.evaluation_set", _("Ghi xếp loại tập thể"))
BLOC_CREATE = register("bloc.create", _("Thêm khối thi đua"))
BLOC_MEMBER_SET = register("bloc.member_set", _("Cập nhật thành viên khối"))
BLOC_YEAR_COPY = register("bloc.year_copy", _("Chuyển thành viên khối sang năm mới"))
