from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm

from razem.accounts.models import ApiToken, User
from razem.core.admin import AuditedAdmin
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Membership

# Django's own (translated) section titles: Personal info, Permissions, Important dates.
PERSONAL_INFO, PERMISSIONS, IMPORTANT_DATES = (
    title for title, _ in DjangoUserAdmin.fieldsets[1:]
)


class UserCreationForm(AdminUserCreationForm):
    """Django's form without a username: the e-mail address is the login."""

    class Meta:
        model = User
        fields = ("email",)


class UserChangeForm(DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class InstitutionRoleInline(admin.TabularInline):
    model = InstitutionStaff
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("institution", "unit")
    fields = ("institution", "unit", "is_liaison", "is_manager")


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "role", "status", "decided_at")
    readonly_fields = ("decided_at",)


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (PERSONAL_INFO, {"fields": ("full_name",)}),
        (
            PERMISSIONS,
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (IMPORTANT_DATES, {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = (
        "email",
        "full_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    )
    list_filter = ("is_superuser", "is_staff", "is_active")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    inlines = (InstitutionRoleInline, MembershipInline)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else ()


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are created by their owners (the secret is shown once); the admin can
    only see them and revoke one by setting its revocation time."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    list_select_related = ("user",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
