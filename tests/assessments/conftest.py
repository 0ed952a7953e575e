import pytest

from learningcity.assessments.loading import load_questionnaire_file


@pytest.fixture
def questionnaire(db):
    return load_questionnaire_file()


def answer_all(assessment, level_by_dimension: dict[str, int], default: int = 2):
    """Give every question of each part the level named for its part (else ``default``)."""
    from learningcity.assessments import services

    for dimension in assessment.questionnaire.dimensions.all():
        level = level_by_dimension.get(dimension.code, default)
        services.save_answers(
            assessment,
            dimension,
            {q.pk: {"level": level} for q in dimension.questions.all()},
        )
