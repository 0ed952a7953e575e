from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Thailand Learning City Platform — administration")
admin.site.site_title = _("Learning City Platform")
admin.site.index_title = _("Secretariat administration")

urlpatterns = [
    path("", include("learningcity.editions.urls")),
    path("accounts/", include("learningcity.accounts.urls")),
    path("registry/", include("learningcity.registry.urls")),
    path("apply/", include("learningcity.applications.urls")),
    path("files/", include("learningcity.attachments.urls")),
    path("judging/", include("learningcity.judging.urls")),
    path("results/", include("learningcity.results.urls")),
    path("secretariat/", include("learningcity.secretariat.urls")),
    path("events/", include("learningcity.events.urls")),
    path("notices/", include("learningcity.notices.urls")),
    path("exports/", include("learningcity.exports.urls")),
    path("privacy/", include("learningcity.privacy.urls")),
    path("self-assessment/", include("learningcity.assessments.urls")),
    path("network/", include("learningcity.network.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
