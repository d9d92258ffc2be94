from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from thidua.core.concurrency import Versioned, VersionedQuerySet
from thidua.core.sectors import Sector


class UnitKind(models.TextChoices):
    UBND_TINH = "ubnd_tinh", _("UBND cấp tỉnh")
    CO_QUAN_HC = "co_quan_hc", _("Cơ quan hành chính")
    DOAN_THE = "doan_the", _("Tổ chức chính trị – xã hội")
    DON_VI_SU_NGHIEP = "don_vi_su_nghiep", _("Đơn vị sự nghiệp")
    UBND_XA = "ubnd_xa", _("UBND cấp xã")
    DNNN = "dnnn", _("Doanh nghiệp nhà nước")
    DN_NGOAI_NN = "dn_ngoai_nn", _("Doanh nghiệp ngoài nhà nước")
    TRUONG_HOC = "truong_hoc", _("Trường học")
    BENH_VIEN = "benh_vien", _("Bệnh viện")
    TRAM_Y_TE = "tram_y_te", _("Trạm y tế")
    THON_TDP = "thon_tdp", _("Thôn, tổ dân phố")
    PHONG_BAN = "phong_ban", _("Phòng, ban nội bộ")


# The sector a unit of each kind belongs to unless it says otherwise: what the unit form
# proposes for a new unit. An internal department (phòng, ban) takes its parent's.
KIND_SECTORS: dict[str, str] = {
    UnitKind.UBND_TINH: Sector.STATE, UnitKind.CO_QUAN_HC: Sector.STATE, UnitKind.DOAN_THE: Sector.STATE,
    UnitKind.DON_VI_SU_NGHIEP: Sector.PUBLIC_SERVICE, UnitKind.TRUONG_HOC: Sector.PUBLIC_SERVICE,
    UnitKind.BENH_VIEN: Sector.PUBLIC_SERVICE, UnitKind.TRAM_Y_TE: Sector.PUBLIC_SERVICE,
    UnitKind.UBND_XA: Sector.COMMUNE, UnitKind.THON_TDP: Sector.COMMUNE, UnitKind.DNNN: Sector.ENTERPRISE,
    UnitKind.DN_NGOAI_NN: Sector.ENTERPRISE,
}


class UnitLevel(models.TextChoices):
    TINH = "tinh", _("Cấp tỉnh")
    SO_NGANH = "so_nganh", _("Cấp sở, ban, ngành")
    XA = "xa", _("Cấp xã")
    CO_SO = "co_so", _("Cấp cơ sở")
    NOI_BO = "noi_bo", _("Bộ phận nội bộ")


class UnitQuerySet(VersionedQuerySet, MP_NodeQuerySet):
    pass


class UnitManager(MP_NodeManager):
    def get_queryset(self):
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(Versioned, MP_Node):
    """An agency, locality or internal department: one node of the province's tree.

    Units are never deleted once used: a merged or abolished unit gets `active_until`
    and its successor links back through `UnitSuccession`, so its history stays reachable.
    """

    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(_("loại hình"), max_length=32, choices=UnitKind.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    # The unit's own sector; empty: its nearest ancestor's (`selectors.effective_sector`).
    sector = models.CharField(_("khu vực"), max_length=16, choices=Sector.choices, null=True, blank=True)
    active_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    active_until = models.DateField(_("ngừng hoạt động từ ngày"), null=True, blank=True)
    search_key = models.CharField(max_length=400, blank=True, editable=False)

    node_order_by = ["name"]
    # The tree's own bookkeeping (a child added, a subtree moved) is no edit of the unit.
    UNVERSIONED_FIELDS = Versioned.UNVERSIONED_FIELDS | {"path", "depth", "numchild"}

    objects = UnitManager()

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị")
        # The roots (depth 1) are asked on every page of the province's secretariat
        # (`core.access.scope`); without it that read scans every unit.
        indexes = [models.Index(fields=["depth"], name="org_unit_depth_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_until__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_until__gt=models.F("active_from")),
                name="org_unit_active_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.active_until is None


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Hợp nhất / sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")


class UnitSuccession(models.Model):
    """SUCCESSOR took over (part of) PREDECESSOR on a date, by a decision."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successions_out",
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị kế thừa"), on_delete=models.PROTECT, related_name="successions_in",
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("văn bản"), null=True, blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="org_unitsuccession_unique"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="org_unitsuccession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Bloc(models.Model):
    """A khối / cụm thi đua: units that pledge, score and rank each other each year."""

    code = models.CharField(_("mã khối"), max_length=32, unique=True)
    name = models.CharField(_("tên khối / cụm"), max_length=255)
    organiser = models.ForeignKey(
        Unit, verbose_name=_("cấp tổ chức"), on_delete=models.PROTECT, related_name="organised_blocs",
    )
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("khối thi đua")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BlocRole(models.TextChoices):
    LEADER = "leader", _("Khối trưởng")
    DEPUTY = "deputy", _("Khối phó")
    MEMBER = "member", _("Thành viên")


class BlocMembership(models.Model):
    """A unit's place in a bloc for one year; one leader and one deputy per bloc-year."""

    bloc = models.ForeignKey(Bloc, verbose_name=_("khối"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="bloc_memberships")
    year = models.PositiveSmallIntegerField(_("năm"))
    role = models.CharField(_("vai trò"), max_length=16, choices=BlocRole.choices, default=BlocRole.MEMBER)

    class Meta:
        verbose_name = verbose_name_plural = _("thành viên khối")
        ordering = ["bloc", "-year", "role", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "unit", "year"], name="org_blocmembership_unique"),
            models.UniqueConstraint(
                fields=["bloc", "year"], condition=models.Q(role="leader"), name="org_blocmembership_one_leader",
            ),
            models.UniqueConstraint(
                fields=["bloc", "year"], condition=models.Q(role="deputy"), name="org_blocmembership_one_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc} {self.year}: {self.unit}"
