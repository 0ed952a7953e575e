from django.contrib import admin

from .models import Notice, NoticeTemplate, OutboxMessage


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "edition", "updated_at"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["subject_th", "edition", "reminder_kind", "created_at"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["recipient", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    # Rows are made by the services only; the admin shows them.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
