from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from learningcity.assessments.loading import QUESTIONNAIRE_1, load_questionnaire_file


class Command(BaseCommand):
    help = "Load or update the learning-city self-assessment from its TOML file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(QUESTIONNAIRE_1))

    def handle(self, *args, path, **options):
        questionnaire = load_questionnaire_file(Path(path))
        count = sum(d.questions.count() for d in questionnaire.dimensions.all())
        self.stdout.write(
            _("Self-assessment %(code)s: %(parts)d parts, %(questions)d questions.")
            % {
                "code": questionnaire.code,
                "parts": questionnaire.dimensions.count(),
                "questions": count,
            }
        )
