"""Taking the self-assessment, and what its answers say about an area."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pythainlp.util import collate

from learningcity.audit.services import record

from .enums import Readiness
from .models import Answer, Assessment, Dimension, Questionnaire


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    answered: int
    questions: int
    percent: int | None  # share of the top level, over the answered questions

    @property
    def complete(self) -> bool:
        return self.answered == self.questions


@dataclass(frozen=True)
class Profile:
    questionnaire: Questionnaire
    scores: list[DimensionScore]

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.scores)

    @property
    def questions(self) -> int:
        return sum(s.questions for s in self.scores)

    @property
    def complete(self) -> bool:
        return self.answered == self.questions

    @property
    def overall(self) -> int | None:
        known = [s.percent for s in self.scores if s.percent is not None]
        return round(sum(known) / len(known)) if known else None

    @property
    def lowest(self) -> int | None:
        known = [s.percent for s in self.scores if s.percent is not None]
        return min(known) if known else None

    def by_code(self) -> dict[str, DimensionScore]:
        return {s.dimension.code: s for s in self.scores}


def current_questionnaire() -> Questionnaire | None:
    return Questionnaire.objects.filter(is_current=True).order_by("-loaded_at").first()


def start_assessment(
    questionnaire: Questionnaire, *, user=None, organisation=None, local_government=None
) -> Assessment:
    """Begin an assessment; an organisation's is kept with it, an anonymous one by its link."""
    if organisation is not None and local_government is None:
        local_government = organisation.local_government
    assessment = Assessment.objects.create(
        questionnaire=questionnaire,
        organisation=organisation,
        local_government=local_government,
        started_by=user if user is not None and user.is_authenticated else None,
    )
    if organisation is not None:
        record(user, "assessment.started", assessment)
    return assessment


@transaction.atomic
def save_answers(assessment: Assessment, dimension: Dimension, rows: dict[int, dict]) -> int:
    """Keep the answers to one part as given (an unanswered question stays unanswered);
    a completed assessment is final: progress is shown by taking a new one."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.completed_at is not None:
        raise ValidationError(
            _("This self-assessment is complete and can no longer change. Start a new one."),
            code="completed",
        )
    top = assessment.questionnaire.top_value
    questions = {q.pk: q for q in dimension.questions.all()}
    saved = 0
    for question_id, row in rows.items():
        if question_id not in questions:
            raise ValidationError(_("That question is not part of this section."), code="question")
        level = row.get("level")
        if level is not None and not 0 <= level <= top:
            raise ValidationError(_("Choose one of the levels shown."), code="level")
        Answer.objects.update_or_create(
            assessment=assessment,
            question_id=question_id,
            defaults={
                "level": level,
                "note": (row.get("note") or "").strip(),
                "evidence_url": (row.get("evidence_url") or "").strip(),
            },
        )
        saved += 1
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    return saved


def profile_of(assessment: Assessment) -> Profile:
    """Each part's share of the top level, from the answered questions (two queries)."""
    questionnaire = assessment.questionnaire
    dimensions = list(
        Dimension.objects.filter(questionnaire=questionnaire).annotate(
            question_count=Count("questions")
        )
    )
    levels: dict[int, list[int]] = defaultdict(list)
    for dimension_id, level in Answer.objects.filter(
        assessment=assessment, level__isnull=False
    ).values_list("question__dimension_id", "level"):
        levels[dimension_id].append(level)
    top = questionnaire.top_value or 1
    scores = []
    for dimension in dimensions:
        given = levels.get(dimension.pk, [])
        percent = round(100 * sum(given) / (top * len(given))) if given else None
        scores.append(
            DimensionScore(
                dimension=dimension,
                answered=len(given),
                questions=dimension.question_count,
                percent=percent,
            )
        )
    return Profile(questionnaire=questionnaire, scores=scores)


@transaction.atomic
def complete_assessment(assessment: Assessment, *, user=None) -> Assessment:
    """Mark the assessment complete once every question has a level."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.completed_at is not None:
        return assessment
    profile = profile_of(assessment)
    if not profile.complete:
        missing = profile.questions - profile.answered
        raise ValidationError(
            ngettext(
                "%(count)d question still has no answer.",
                "%(count)d questions still have no answer.",
                missing,
            )
            % {"count": missing},
            code="incomplete",
        )
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["completed_at"])
    if assessment.organisation_id:
        record(user, "assessment.completed", assessment, after={"overall": profile.overall})
    return assessment


def priorities(profile: Profile, limit: int = 3) -> list[DimensionScore]:
    """What to strengthen first: the weakest answered parts below a strength, weakest first."""
    strong_at = profile.questionnaire.strong_at_percent
    weak = [s for s in profile.scores if s.percent is not None and s.percent < strong_at]
    return sorted(weak, key=lambda s: (s.percent, s.dimension.order))[:limit]


def readiness_of(profile: Profile) -> Readiness | None:
    """GNLC readiness by the questionnaire's thresholds; None until every part has answers."""
    q = profile.questionnaire
    if profile.overall is None or any(s.percent is None for s in profile.scores):
        return None
    if profile.overall >= q.ready_overall_percent and profile.lowest >= q.ready_lowest_percent:
        return Readiness.READY
    if profile.overall >= q.close_overall_percent:
        return Readiness.CLOSE
    return Readiness.GROWING


@dataclass(frozen=True)
class Change:
    dimension: Dimension
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def compare(earlier: Profile, later: Profile) -> list[Change]:
    """Part by part, how the later assessment differs from the earlier one (matched on code)."""
    before = earlier.by_code()
    return [
        Change(
            dimension=s.dimension,
            before=before[s.dimension.code].percent if s.dimension.code in before else None,
            after=s.percent,
        )
        for s in later.scores
    ]


def assessments_of(organisation) -> list[Assessment]:
    return list(
        Assessment.objects.filter(organisation=organisation).select_related("questionnaire")
    )


def latest_completed(questionnaire: Questionnaire, local_government_ids=None):
    """Per local government, its most recent completed assessment of ``questionnaire``."""
    rows = Assessment.objects.filter(
        questionnaire=questionnaire, completed_at__isnull=False, local_government__isnull=False
    )
    if local_government_ids is not None:
        rows = rows.filter(local_government_id__in=list(local_government_ids))
    latest: dict[int, Assessment] = {}
    for assessment in rows.select_related("local_government__province").order_by("completed_at"):
        latest[assessment.local_government_id] = assessment
    return latest


def dimension_percents(assessment_ids) -> dict[int, dict[int, int]]:
    """For many assessments at once: {assessment id: {dimension id: percent}} (one query)."""
    sums: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for assessment_id, dimension_id, level, top in Answer.objects.filter(
        assessment_id__in=list(assessment_ids), level__isnull=False
    ).values_list(
        "assessment_id", "question__dimension_id", "level", "assessment__questionnaire__scale"
    ):
        sums[assessment_id][dimension_id].append(level)
        sums[assessment_id].setdefault("top", [max(x["value"] for x in top) or 1])
    result = {}
    for assessment_id, per_dimension in sums.items():
        top = per_dimension.pop("top")[0]
        result[assessment_id] = {
            d: round(100 * sum(v) / (top * len(v))) for d, v in per_dimension.items()
        }
    return result


def strong_peers(
    questionnaire: Questionnaire, dimensions: list[Dimension], among, *, exclude=None, limit=3
) -> dict[int, list]:
    """For each weak part, up to ``limit`` areas among ``among`` (local government ids) whose
    latest completed assessment is a strength there, strongest first."""
    latest = latest_completed(questionnaire, among)
    if exclude is not None:
        latest.pop(exclude, None)
    percents = dimension_percents(a.pk for a in latest.values())
    strong_at = questionnaire.strong_at_percent
    peers: dict[int, list] = {}
    for dimension in dimensions:
        found = [
            (percents.get(a.pk, {}).get(dimension.pk), a.local_government) for a in latest.values()
        ]
        found = [(p, lg) for p, lg in found if p is not None and p >= strong_at]
        found.sort(key=lambda row: (-row[0], row[1].name_th))
        peers[dimension.pk] = [lg for _p, lg in found[:limit]]
    return peers


def attach_to_registration(assessment: Assessment, registration, *, user) -> Assessment:
    """Attach a completed assessment of the organisation as context for its application."""
    if assessment.organisation_id is None or assessment.organisation_id != (
        registration.organisation_id
    ):
        raise ValidationError(
            _("Only your organisation's own self-assessment can be attached."), code="owner"
        )
    if assessment.completed_at is None:
        raise ValidationError(_("Complete the self-assessment before attaching it."))
    with transaction.atomic():
        Assessment.objects.filter(registration=registration).exclude(pk=assessment.pk).update(
            registration=None
        )
        assessment.registration = registration
        assessment.save(update_fields=["registration"])
        record(user, "assessment.attached", assessment, after={"registration": registration.pk})
    return assessment


def readiness_by_province(questionnaire: Questionnaire) -> list[dict]:
    """Per province: areas assessed, the mean of each part, and how many are ready or close."""
    latest = latest_completed(questionnaire)
    percents = dimension_percents(a.pk for a in latest.values())
    dimensions = list(questionnaire.dimensions.all())
    provinces: dict[int, dict] = {}
    for assessment in latest.values():
        province = assessment.local_government.province
        row = provinces.setdefault(
            province.pk,
            {"province": province, "areas": 0, "ready": 0, "close": 0, "parts": defaultdict(list)},
        )
        row["areas"] += 1
        values = percents.get(assessment.pk, {})
        for dimension in dimensions:
            if dimension.pk in values:
                row["parts"][dimension.pk].append(values[dimension.pk])
        state = _readiness_from(questionnaire, [values.get(d.pk) for d in dimensions])
        if state == Readiness.READY:
            row["ready"] += 1
        elif state == Readiness.CLOSE:
            row["close"] += 1
    result = []
    for row in provinces.values():
        means = [
            round(sum(row["parts"][d.pk]) / len(row["parts"][d.pk]))
            if row["parts"].get(d.pk)
            else None
            for d in dimensions
        ]
        result.append({**row, "means": means})
    order = {name: i for i, name in enumerate(collate(r["province"].name_th for r in result))}
    result.sort(key=lambda row: order[row["province"].name_th])
    return result


def _readiness_from(questionnaire: Questionnaire, percents: list[int | None]) -> Readiness | None:
    if not percents or any(p is None for p in percents):
        return None
    overall = round(sum(percents) / len(percents))
    if overall >= questionnaire.ready_overall_percent and min(percents) >= (
        questionnaire.ready_lowest_percent
    ):
        return Readiness.READY
    if overall >= questionnaire.close_overall_percent:
        return Readiness.CLOSE
    return Readiness.GROWING


def close_to_readiness(questionnaire: Questionnaire) -> list[dict]:
    """Areas whose latest completed assessment is ready or close, best first."""
    latest = latest_completed(questionnaire)
    percents = dimension_percents(a.pk for a in latest.values())
    dimensions = list(questionnaire.dimensions.all())
    rows = []
    for assessment in latest.values():
        values = [percents.get(assessment.pk, {}).get(d.pk) for d in dimensions]
        state = _readiness_from(questionnaire, values)
        if state in (Readiness.READY, Readiness.CLOSE):
            rows.append(
                {
                    "assessment": assessment,
                    "local_government": assessment.local_government,
                    "state": state,
                    "overall": round(sum(values) / len(values)),
                    "lowest": min(values),
                }
            )
    rows.sort(key=lambda row: (-row["overall"], row["local_government"].name_th))
    return rows


def answers_by_question(assessment: Assessment) -> dict[int, Answer]:
    return {a.question_id: a for a in assessment.answers.all()}
