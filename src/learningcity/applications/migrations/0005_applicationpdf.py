import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_certification"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApplicationPdf",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                ("stored_name", models.CharField(max_length=255, verbose_name="stored name")),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="created"),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pdfs",
                        to="applications.application",
                        verbose_name="application",
                    ),
                ),
            ],
            options={
                "verbose_name": "application PDF",
                "verbose_name_plural": "application PDFs",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("application", "submitted_at"),
                        name="application_pdf_once_per_submission",
                    )
                ],
            },
        ),
    ]
