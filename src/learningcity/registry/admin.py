from django.contrib import admin

from .models import District, LocalGovernment, Province, RegistryImport


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "province"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ["dla_code", "full_name_th", "type", "district_th", "province"]
    list_filter = ["type", "province"]
    list_select_related = ["province", "district"]
    search_fields = ["dla_code", "name_th", "full_name_th", "district_th"]
    raw_id_fields = ["district"]
    autocomplete_fields = ["province"]


@admin.register(RegistryImport)
class RegistryImportAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "rows", "created", "updated", "sha256", "geothai_version"]

    # The log of imports is written by the import only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
