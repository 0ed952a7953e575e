from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import THAI_PREFIX, LocalGovernmentType


class Province(models.Model):
    """A province, named as in geothai (DOPA codes)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    # Rank in Thai dictionary order (collation.py): lists sort ก–ฮ, not by code point.
    thai_order = models.PositiveIntegerField(_("Thai order"), default=0, db_index=True)

    class Meta:
        ordering = ["thai_order", "name_th"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name_th


class District(models.Model):
    """A district (อำเภอ), named as in geothai."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name_th = models.CharField(_("Thai name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    thai_order = models.PositiveIntegerField(_("Thai order"), default=0)

    class Meta:
        ordering = ["province__thai_order", "thai_order", "name_th"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name_th


class LocalGovernment(models.Model):
    """A local government organisation (อปท.) from the DLA registry."""

    dla_code = models.CharField(_("DLA code"), max_length=7, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=LocalGovernmentType.choices)
    name_th = models.CharField(_("name"), max_length=150)
    full_name_th = models.CharField(_("full name"), max_length=200)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The district as DLA writes it, kept when geothai has no district of that name.
    district_th = models.CharField(_("district (as in the registry)"), max_length=100)
    lat = models.DecimalField(_("latitude"), max_digits=10, decimal_places=7, null=True)
    lon = models.DecimalField(_("longitude"), max_digits=10, decimal_places=7, null=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=2, null=True)

    class Meta:
        ordering = ["province__thai_order", "name_th", "type"]
        verbose_name = _("local government")
        verbose_name_plural = _("local governments")
        indexes = [models.Index(fields=["province", "name_th"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=LocalGovernmentType.values),
                name="registry_localgovernment_type_known",
            ),
            # An unknown area is NULL, never zero.
            models.CheckConstraint(
                condition=models.Q(area_km2__isnull=True) | models.Q(area_km2__gt=0),
                name="registry_localgovernment_area_positive",
            ),
            # Half a coordinate places nothing on a map.
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, lon__isnull=True)
                | models.Q(lat__isnull=False, lon__isnull=False),
                name="registry_localgovernment_lat_lon_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name_th} ({self.province.name_th})"

    @property
    def type_abbreviation(self) -> str:
        return THAI_PREFIX[LocalGovernmentType(self.type)][1]

    @property
    def district_name(self) -> str:
        return self.district.name_th if self.district_id else self.district_th


class RegistryImport(models.Model):
    """One import of the DLA file, so an unchanged file is not imported again."""

    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    geothai_version = models.CharField(_("geothai data version"), max_length=20)
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("created"))
    updated = models.PositiveIntegerField(_("updated"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        get_latest_by = ["imported_at", "pk"]
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.rows})"
