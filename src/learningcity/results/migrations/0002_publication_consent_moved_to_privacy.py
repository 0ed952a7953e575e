"""PublicationConsent is now privacy.Consent (purpose publish_photos); its rows were moved by
privacy 0003."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("results", "0001_initial"),
        ("privacy", "0003_publication_consent_merged"),
    ]

    operations = [migrations.DeleteModel(name="PublicationConsent")]
