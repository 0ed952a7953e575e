from django.contrib import admin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    """Read-only: files change only through ``services`` (audit log, stored bytes, window)."""

    list_display = ["application", "kind", "slot", "display_name", "size", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["display_name", "caption", "sha256", "application__reference"]
    list_select_related = ["application"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
