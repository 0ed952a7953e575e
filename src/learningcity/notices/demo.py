"""Demo step: two notice templates (a welcome and the deadline reminder) and one notice sent to
the practice edition's areas, so that the outbox has something to show."""

from ..notices import services
from .models import Notice, NoticeTemplate

TEMPLATES = {
    "welcome": (
        "ยินดีต้อนรับ",
        "ยินดีต้อนรับ {{ area }} สู่{{ edition }}",
        "เรียน {{ coordinator }}\n\n"
        "สำนักเลขานุการได้รับการลงทะเบียนของ{{ area }} จังหวัด{{ province }} "
        "ในประเภท{{ category }} แล้ว\n"
        "โปรดส่งใบสมัครภายใน {{ deadline }} ที่ {{ site_url }}\n\n"
        "สำนักเลขานุการรางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น",
    ),
    "reminder": (
        "แจ้งเตือนก่อนครบกำหนดส่ง",
        "แจ้งเตือน: {{ area }} ยังไม่ได้ส่งใบสมัคร (เหลือ {{ days_left }} วัน)",
        "เรียน {{ coordinator }}\n\n"
        "ใบสมัครของ{{ area }} ยังไม่ได้ส่ง กำหนดส่งคือ {{ deadline }}\n"
        "โปรดส่งที่ {{ site_url }}\n\n"
        "สำนักเลขานุการรางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น",
    ),
}


def build(context) -> None:
    for key, (name, subject, body) in TEMPLATES.items():
        NoticeTemplate.objects.get_or_create(
            key=key, edition=None, defaults={"name": name, "subject_th": subject, "body_th": body}
        )
    welcome = NoticeTemplate.objects.get(key="welcome", edition=None)
    if not Notice.objects.filter(edition=context.practice, template=welcome).exists():
        services.create_notice(
            edition=context.practice,
            template=welcome,
            registrations=context.practice.registrations.select_related(
                "edition", "organisation", "category", "local_government__province"
            ),
            user=context.secretariat,
            filters={"demo": True},
        )
