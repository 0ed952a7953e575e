"""The world of the permission matrix: two organisations, people in every role, and objects
of each kind the URLs name (built once per test through the real services)."""

from dataclasses import dataclass, field

from learningcity.accounts.enums import MembershipRole, Role
from tests.factories import (
    EditionFactory,
    MembershipFactory,
    UserFactory,
    second_factor_device,
)

MISSING = 987654  # a primary key no row has: every role must get the same answer for it


@dataclass
class World:
    people: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def value(self, ref):
        """A URL argument: a name of an object of the world, or the literal value given."""
        if isinstance(ref, str) and ref in self.objects:
            return self.objects[ref]
        return ref


def first_pk(model) -> int:
    row = model.objects.order_by("pk").values_list("pk", flat=True).first()
    return row if row is not None else MISSING


def build_world() -> World:
    from learningcity.assessments.loading import load_questionnaire_file
    from learningcity.assessments.services import start_assessment
    from learningcity.attachments.models import Attachment
    from learningcity.events.models import Attendance, SlotChangeRequest, TrainingSession
    from learningcity.exports.models import ExportJob
    from learningcity.judging import services as judging
    from learningcity.judging.models import Judge
    from learningcity.judging.services.committee import declare_conflict
    from learningcity.network.enums import StoryStatus
    from learningcity.network.services.magazine import save_story, set_story_status
    from learningcity.notices.models import Notice, NoticeTemplate
    from learningcity.privacy.enums import ConsentPurpose
    from learningcity.privacy.services import give_consent
    from learningcity.results.models import Certificate
    from learningcity.secretariat.models import PrizeDelivery
    from tests.applications.factories import RegistrationFactory, started_application
    from tests.judging.factories import real_submitted_application

    edition = EditionFactory()
    application_a, coordinator_a = real_submitted_application(edition)
    registration_a = application_a.registration
    org_a = registration_a.organisation
    head_a = MembershipFactory(organisation=org_a, role=MembershipRole.HEAD).user

    registration_b = RegistrationFactory(edition=edition)
    org_b = registration_b.organisation
    coordinator_b = MembershipFactory(organisation=org_b, role=MembershipRole.COORDINATOR).user
    application_b = started_application(registration_b)

    secretariat = UserFactory(role=Role.SECRETARIAT, full_name="ฝ่ายเลขานุการ เมทริกซ์")
    superuser = UserFactory(is_superuser=True, is_staff=True, full_name="ผู้ดูแล เมทริกซ์")
    judge = Judge.objects.create(edition=edition, user=UserFactory(role=Role.JUDGE))
    judging.assign(judge, application_a, actor=secretariat)
    conflicted = Judge.objects.create(edition=edition, user=UserFactory(role=Role.JUDGE))
    declare_conflict(conflicted, conflicted.user, reason="เคยเป็นที่ปรึกษาโครงการ", organisation=org_a)

    attachment_a = Attachment.objects.filter(application=application_a).order_by("pk").first()
    # The network and the self-assessment: A's area is listed, A keeps an assessment, and the
    # magazine holds one published story.
    give_consent(application_a, ConsentPurpose.NETWORK_LISTING, user=coordinator_a)
    assessment_a = start_assessment(load_questionnaire_file(), organisation=org_a)
    story = save_story(
        None,
        user=secretariat,
        title="เรื่องเมทริกซ์",
        summary="สรุป",
        body="เนื้อหา",
        areas=[],
        editions=[],
    )
    set_story_status(story, StoryStatus.PUBLISHED, user=secretariat)
    certificate = Certificate.objects.order_by("pk").first()
    world = World()
    world.people = {
        "anonymous": None,
        "applicant_a": coordinator_a,
        "applicant_b": coordinator_b,
        "head_a": head_a,
        "judge": judge.user,
        "conflicted_judge": conflicted.user,
        "secretariat": secretariat,
        "superuser": superuser,
    }
    world.objects = {
        "edition": edition.number,
        "edition_pk": edition.pk,
        "category": registration_a.category.code,
        "org_a": org_a.pk,
        "registration_a": registration_a.pk,
        "application_a": application_a.pk,
        "reference_a": application_a.reference,
        "application_b": application_b.pk,
        "attachment_a": attachment_a.pk,
        "judge": judge.pk,
        "criterion": 1,
        "training_session": first_pk(TrainingSession),
        "attendance": first_pk(Attendance),
        "slot_request": first_pk(SlotChangeRequest),
        "notice_template": first_pk(NoticeTemplate),
        "notice": first_pk(Notice),
        "export_job": first_pk(ExportJob),
        "prize_delivery": first_pk(PrizeDelivery),
        "totp_device": second_factor_device(superuser).pk,
        "certificate": certificate.code if certificate else "LC-NONE",
        "assessment_a": assessment_a.token,
        "area_a": registration_a.local_government.dla_code,
        "story": story.slug,
        "story_pk": story.pk,
        "missing": MISSING,
    }
    return world
