"""Demo network: most areas of the past practice edition agreed to be listed, with learning
places on the map, and the magazine holds two published stories."""

from decimal import Decimal

from django.utils.translation import gettext as _

from learningcity.applications.models import Answer, LearningPlace
from learningcity.editions.enums import AnswerSection
from learningcity.editions.models import Edition
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services import give_consent, has_consent

from .enums import StoryStatus
from .models import Story
from .services import magazine

# The results demo's past edition; the last two of its areas do not agree to be listed.
PAST_EDITION_NUMBER = 97
UNLISTED = 2
PLACES = [
    ("ศูนย์พัฒนาเด็กเล็ก", "ศูนย์การเรียนรู้", Decimal("0.010"), Decimal("0.012")),
    ("ห้องสมุดวัด", "ห้องสมุด", Decimal("-0.014"), Decimal("0.006")),
]
STORIES = [
    (
        "demo-library-built-by-children",
        "ห้องสมุดที่เด็ก ๆ ช่วยกันสร้าง",
        "จากกล่องหนังสือบริจาคสู่ห้องสมุดที่เปิดถึงสองทุ่ม",
        "## เริ่มจากกล่องหนังสือ\n\nเยาวชนสิบคนรวบรวมหนังสือบริจาค ตั้งชั้นวางที่ศาลาหมู่บ้าน "
        "แล้วชวนผู้สูงอายุมาเล่านิทานทุกเย็นวันศุกร์\n\n"
        "## สิ่งที่เปลี่ยนไป\n\n- ผู้ใช้ห้องสมุดเพิ่มจาก **40** เป็น **180** คนต่อเดือน\n"
        "- คะแนนการอ่านของเด็กประถมสูงขึ้นร้อยละ 22\n",
    ),
    (
        "demo-working-group-every-month",
        "คณะทำงานที่ประชุมทุกเดือน",
        "กลไกเล็ก ๆ ที่ทำให้เมืองแห่งการเรียนรู้เดินต่อได้แม้เปลี่ยนผู้บริหาร",
        "คณะทำงานเมืองแห่งการเรียนรู้มีตัวแทนจากโรงเรียน วัด รพ.สต. และกลุ่มอาชีพ "
        "ประชุมทุกวันพุธแรกของเดือน และเผยแพร่บันทึกการประชุมให้ชุมชนอ่าน\n\n"
        "> “เราไม่ได้รอให้ใครสั่ง เราถามกันเองว่าเดือนนี้ใครยังไม่ได้เรียนรู้”\n",
    ),
]


def _places(application) -> None:
    criterion = application.registration.edition.criteria.filter(
        section=AnswerSection.LEARNING_PLACES
    ).first()
    lg = application.registration.local_government
    if criterion is None or lg.lat is None or lg.lon is None:
        return
    answer, _created = Answer.objects.get_or_create(application=application, criterion=criterion)
    if LearningPlace.objects.filter(answer=answer, latitude__isnull=False).exists():
        return
    for order, (name, kind, north, east) in enumerate(PLACES, start=1):
        LearningPlace.objects.create(
            answer=answer,
            order=order,
            name=f"{name}{lg.name_th}",
            place_type=kind,
            serves="เด็ก เยาวชน และครอบครัว",
            opening_hours="09:00–17:00",
            cost="ไม่มีค่าใช้จ่าย",
            latitude=lg.lat + north,
            longitude=lg.lon + east,
        )


def build(context) -> None:
    edition = Edition.objects.filter(number=PAST_EDITION_NUMBER).first()
    if edition is None:
        return
    applications = list(
        edition.registrations.filter(application__submitted_at__isnull=False)
        .select_related("application", "local_government")
        .order_by("local_government__dla_code")
    )
    listed = [r.application for r in applications[: max(0, len(applications) - UNLISTED)]]
    for application in listed:
        _places(application)
        if not has_consent(application, ConsentPurpose.NETWORK_LISTING):
            give_consent(
                application,
                ConsentPurpose.NETWORK_LISTING,
                user=application.registration.created_by,
                on_behalf_of=f"นายก{application.registration.local_government.name_th}",
            )
    areas = [a.registration.local_government for a in listed]
    photos = magazine.publishable_photos(areas)
    for index, (slug, title, summary, body) in enumerate(STORIES):
        if Story.objects.filter(slug=slug).exists():
            continue
        story_areas = (
            [photos[0].application.registration.local_government]
            if (photos and index == 0)
            else areas[1:2]
        )
        story = magazine.save_story(
            None,
            user=context.secretariat,
            title=title,
            summary=summary,
            body=body,
            areas=story_areas,
            editions=[edition],
            cover=photos[0] if photos and index == 0 else None,
        )
        Story.objects.filter(pk=story.pk).update(slug=slug)
        story.refresh_from_db()
        magazine.set_story_status(story, StoryStatus.PUBLISHED, user=context.secretariat)
    context.summary.append(
        _("Learning city network: %(count)d areas listed, %(url)s")
        % {"count": len(listed), "url": "/network/"}
    )
