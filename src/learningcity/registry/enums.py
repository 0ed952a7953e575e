from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalGovernmentType(models.TextChoices):
    """The six kinds of local government in the DLA registry (codes as in its CSV)."""

    PROVINCIAL_ADMIN_ORG = "provincial_admin_org", _("Provincial administrative organisation")
    CITY_MUNICIPALITY = "city_municipality", _("City municipality")
    TOWN_MUNICIPALITY = "town_municipality", _("Town municipality")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("Subdistrict municipality")
    SUBDISTRICT_ADMIN_ORG = "subdistrict_admin_org", _("Subdistrict administrative organisation")
    SPECIAL_ADMIN_AREA = "special_admin_area", _("Special administrative area")


# Official Thai names are proper names, the same whatever the UI language: the prefix that
# makes a full name ("เทศบาลตำบล" + "คลองท่อมใต้") and the abbreviation used in lists.
THAI_PREFIX = {
    LocalGovernmentType.PROVINCIAL_ADMIN_ORG: ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    LocalGovernmentType.CITY_MUNICIPALITY: ("เทศบาลนคร", "ทน."),
    LocalGovernmentType.TOWN_MUNICIPALITY: ("เทศบาลเมือง", "ทม."),
    LocalGovernmentType.SUBDISTRICT_MUNICIPALITY: ("เทศบาลตำบล", "ทต."),
    LocalGovernmentType.SUBDISTRICT_ADMIN_ORG: ("องค์การบริหารส่วนตำบล", "อบต."),
    LocalGovernmentType.SPECIAL_ADMIN_AREA: ("", "เมืองพิเศษ"),
}
