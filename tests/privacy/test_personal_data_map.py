"""The map of where personal data lives covers every field that could hold it."""

from django.apps import apps
from django.db import models

from learningcity.privacy.personal_data import (
    COPIES,
    NOT_PERSONAL,
    PERSONAL_FIELDS,
    Treatment,
    entry_for,
)

# Field types that can hold a person's name, address, words or file.
TEXT_TYPES = (
    models.CharField,  # also EmailField, SlugField, URLField
    models.TextField,
    models.JSONField,
    models.FileField,
    models.GenericIPAddressField,
)


def _text_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_TYPES):
                yield model._meta.label_lower, field.name


def test_personal_data_map_covers_every_text_field_of_every_model():
    uncovered = [
        f"{label}.{name}" for label, name in _text_fields() if entry_for(label, name) is None
    ]

    assert uncovered == [], (
        "Add these fields to privacy/personal_data.py: PERSONAL_FIELDS (with what retention "
        "does) or NOT_PERSONAL (with why): " + ", ".join(uncovered)
    )


def test_personal_data_map_names_only_fields_that_exist():
    existing = set(_text_fields())
    stale = [p.name for p in PERSONAL_FIELDS if (p.model_label, p.field) not in existing]
    stale += [
        key
        for key in NOT_PERSONAL
        if not key.endswith(".*") and tuple(key.rsplit(".", 1)) not in existing
    ]

    assert stale == []


def test_personal_data_map_edition_paths_and_consent_lookups_resolve(db):
    for personal in PERSONAL_FIELDS:
        model = apps.get_model(personal.model_label)
        if personal.edition_path:
            list(model.objects.filter(**{personal.edition_path: None}).values("pk")[:1])
        if personal.treatment == Treatment.CONSENTED and personal.application_path:
            list(model.objects.filter(**{f"{personal.application_path}__in": []}).values("pk"))


def test_personal_data_map_fails_for_a_new_personal_field():
    assert entry_for("applications.registration", "coordinator_line_id") is None
    assert entry_for("applications.registration", "coordinator_email").treatment == Treatment.EMAIL
    assert entry_for("registry.province", "name_th") == NOT_PERSONAL["registry.*"]


def test_personal_data_map_names_the_copies_outside_rows():
    assert [copy.kind for copy in COPIES] == ["files", "exports", "audit", "outbox", "backups"]
