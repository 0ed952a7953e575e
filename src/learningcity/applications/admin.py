"""Read-only views of registrations for the secretariat: every change goes through services,
so that the rules, the status transitions and the audit log are never bypassed."""

from django.contrib import admin

from .models import Invitation, Registration, Representative


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0
    fields = ["slot", "full_name", "position", "phone", "email", "attended_at"]
    readonly_fields = ["attended_at"]  # derived from the training attendance records

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["local_government", "edition", "category", "population", "status", "created_at"]
    list_filter = ["edition", "category", "status"]
    search_fields = [
        "local_government__full_name_th",
        "local_government__dla_code",
        "organisation__name",
    ]
    list_select_related = ["local_government__province", "edition", "category"]
    inlines = [RepresentativeInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = [
        "email",
        "organisation",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    search_fields = ["email", "organisation__name"]
    exclude = ["token_hash"]
