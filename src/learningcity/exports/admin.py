from django.contrib import admin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "format", "status", "done", "total", "requested_by", "created_at"]
    readonly_fields = [field.name for field in ExportJob._meta.fields]

    # Rows are made by the services only; the admin shows them.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
