"""The secretariat's admin for people, organisations and memberships."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation, User


class UserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "phone", "role")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if User.objects.with_email(email).exists():
            raise ValidationError(
                _("A person with this e-mail address already exists."), code="unique"
            )
        return email.lower()


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class EmailVerifiedFilter(admin.SimpleListFilter):
    title = _("e-mail verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("Verified")), ("no", _("Not verified"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(email_verified_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(email_verified_at__isnull=True)
        return queryset


class UserMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "joined_at"]


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "email_verified_at", "is_staff", "is_active"]
    list_filter = ["role", EmailVerifiedFilter, "is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name", "phone"]
    readonly_fields = ["last_login", "date_joined", "privacy_accepted_at"]
    inlines = [UserMembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal information"), {"fields": ["full_name", "phone"]}),
        (
            _("Role and verification"),
            {"fields": ["role", "email_verified_at", "privacy_accepted_at"]},
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "full_name",
                    "phone",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    def get_inlines(self, request, obj):
        # The add form stays the short one Django's UserAdmin has; memberships come after.
        return self.inlines if obj is not None else []


class OrganisationMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "joined_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "local_government", "member_count", "created_at"]
    list_filter = ["kind", "local_government__province"]
    list_select_related = ["local_government__province"]
    search_fields = [
        "name",
        "local_government__name_th",
        "local_government__full_name_th",
        "memberships__user__email",
        "memberships__user__full_name",
    ]
    # About 7,850 local governments: a drop-down of them all would be unusable.
    raw_id_fields = ["local_government"]
    inlines = [OrganisationMembershipInline]

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).annotate(member_total=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, organisation: Organisation) -> int:
        return organisation.member_total
