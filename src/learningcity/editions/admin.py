from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from learningcity.secretariat.admin_guard import GuardedEditionForm, guarded

from .forms import RubricFormSet
from .models import AwardCategory, Contact, Criterion, Edition, Phase, Prize, RequiredDocument


class PhaseInline(admin.TabularInline):
    model = Phase
    formset = guarded(BaseInlineFormSet, "phases")
    extra = 0


class CategoryInline(admin.StackedInline):
    model = AwardCategory
    formset = guarded(BaseInlineFormSet, "categories")
    extra = 0


class CriterionInline(admin.StackedInline):
    model = Criterion
    formset = guarded(RubricFormSet, "criteria")
    extra = 0


class DocumentInline(admin.StackedInline):
    model = RequiredDocument
    formset = guarded(BaseInlineFormSet, "documents")
    extra = 0


class PrizeInline(admin.TabularInline):
    model = Prize
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    form = GuardedEditionForm
    list_display = ["number", "title_th", "year_be", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo"]
    search_fields = ["title_th", "title_en"]
    inlines = [
        PhaseInline,
        CategoryInline,
        CriterionInline,
        DocumentInline,
        PrizeInline,
        ContactInline,
    ]
