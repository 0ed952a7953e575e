"""Data of the deadline-rush benchmark: the applicants it prepares, and the checks afterwards
that every acknowledged submission and file was committed, and that every acknowledged file
is readable through each app server. Needs Django set up."""

import datetime as dt
import hashlib
import io
import random
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from django.contrib.auth.hashers import make_password
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from tests.applications.factories import answer_everything, two_representatives
from tests.attachments.corpus import pdf_bytes

from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
from learningcity.accounts.models import Membership, Organisation, User
from learningcity.applications import services as applications
from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
from learningcity.applications.models import Application
from learningcity.applications.services import signed_page
from learningcity.attachments import storage
from learningcity.attachments.models import Attachment
from learningcity.demo.builder import demo_phases
from learningcity.editions.loading import copy_edition
from learningcity.editions.models import Edition
from learningcity.registry.models import LocalGovernment

PASSWORD = "rush-2569"  # noqa: S105 - throwaway accounts of a loopback benchmark
DOMAIN = "rush.bench.invalid"


def phone_photo(seed: int) -> bytes:
    """A 1920 × 1080 JPEG of a realistic size (a scaled phone photo is 0.3–0.6 MB)."""
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize((1920, 1080)).convert("RGB")
    tint = Image.new("RGB", (1920, 1080), tuple(rng.randrange(60, 200) for _ in range(3)))
    noise = Image.effect_noise((1920, 1080), 24 + seed).convert("RGB")
    image = Image.blend(Image.blend(base, tint, 0.5), noise, 0.18)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def write_files(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"photos": []}
    for slot in range(1, 11):
        path = folder / f"photo{slot}.jpg"
        path.write_bytes(phone_photo(slot))
        files["photos"].append(str(path))
    for name, content in (
        ("map", pdf_bytes()),
        ("presentation", pdf_bytes(b"/Lang (th)")),
        ("signed_page", pdf_bytes(b"/Title (signed)")),
    ):
        path = folder / f"{name}.pdf"
        path.write_bytes(content)
        files[name] = str(path)
    return files


def bench_edition() -> Edition:
    """A new edition copied from edition 1 whose registration and submission are open now."""
    source = Edition.objects.get(number=1)
    number = max(Edition.objects.aggregate(n=Max("number"))["n"] or 0, 199) + 1
    return copy_edition(
        source,
        number=number,
        year_be=source.year_be,
        title_th=f"รอบทดสอบภาระงาน {number}",
        title_en=f"Load test {number}",
        phases=demo_phases(timezone.now()),
        is_demo=True,
    )


def prepare(count: int, say=print, folder: Path | None = None) -> tuple[Edition, list[dict]]:
    """``count`` approved areas whose applications hold their tables but lack narratives,
    files, certification and submission: what the last hour finishes. Each one's signed page
    goes in ``folder`` (a new temporary folder if none): never in a folder shared by name, where
    another run's application of the same id, in another database, would overwrite it."""
    folder = folder or Path(tempfile.mkdtemp(prefix="learningcity-rush-signed-"))
    folder.mkdir(parents=True, exist_ok=True)
    edition = bench_edition()
    taken = set(edition.registrations.values_list("local_government_id", flat=True))
    local_governments = list(
        LocalGovernment.objects.exclude(pk__in=taken).order_by("dla_code")[:count]
    )
    password = make_password(PASSWORD)
    secretariat, _ = User.objects.get_or_create(
        email=f"secretariat@{DOMAIN}",
        defaults={
            "full_name": "ฝ่ายเลขานุการ (ทดสอบ)",
            "role": Role.SECRETARIAT,
            "email_verified_at": timezone.now(),
        },
    )
    youth, equity = edition.categories.order_by("code")
    applicants = []
    for index, local_government in enumerate(local_governments):
        email = f"e{edition.number}-{index}@{DOMAIN}"
        user = User.objects.create(
            email=email,
            full_name=f"ผู้ประสานงาน {index}",
            role=Role.APPLICANT,
            password=password,
            email_verified_at=timezone.now(),
            privacy_accepted_at=timezone.now(),
        )
        organisation = Organisation.objects.create(
            name=local_government.full_name_th,
            kind=OrganisationKind.LOCAL_GOVERNMENT,
            local_government=local_government,
        )
        Membership.objects.create(
            user=user, organisation=organisation, role=MembershipRole.COORDINATOR
        )
        registration = applications.register_area(
            user=user,
            organisation=organisation,
            edition=edition,
            category=youth if index % 2 else equity,
            population=8000 + index,
            population_source="ทะเบียนราษฎร",
            population_year_be=edition.year_be - 1,
            head_name="นายก ทดสอบ",
            head_position="นายกเทศมนตรี",
            coordinator_name=user.full_name,
            coordinator_phone="081-000-0000",
            coordinator_email=email,
            representatives=two_representatives(),
        )
        registration = applications.set_registration_status(
            registration, RegistrationStatus.APPROVED, actor=secretariat
        )
        excuse_training(registration, secretariat)
        application = applications.get_or_start_application(registration)
        answer_everything(application, user, at=timezone.now())
        # The signed page must show this application's code (issue 14): one per applicant.
        page = folder / f"{application.pk}.pdf"
        page.write_bytes(signed_page.page_with_code(application))
        applicants.append(
            {
                "email": email,
                "application": application.pk,
                "signed_page": str(page),
                "application_url": reverse("applications:application", args=[registration.pk]),
            }
        )
        if (index + 1) % 50 == 0:
            say(f"  prepared {index + 1}/{count}")
    return edition, applicants


def excuse_training(registration, secretariat) -> None:
    """The training gate (two representatives attended, or a waiver): attendance is not what
    this benchmark measures, so the secretariat records a waiver where the gate exists."""
    try:
        from learningcity.events import services as events
    except ImportError:
        return
    waive = getattr(events, "record_waiver", None) or getattr(events, "grant_waiver", None)
    if waive is not None:
        waive(registration=registration, reason="ทดสอบภาระงาน", actor=secretariat)


def verify(edition: Edition, acknowledged: dict) -> dict:
    """Acknowledged = committed: each acknowledged submission is SUBMITTED with a reference,
    each acknowledged file has its row, and every row's file is whole (sha256)."""
    submitted = dict(
        Application.objects.filter(
            registration__edition=edition, status=ApplicationStatus.SUBMITTED
        ).values_list("pk", "reference")
    )
    missing_submissions = [pk for pk, _at in acknowledged["submissions"] if pk not in submitted]
    rows = {
        (a.application_id, a.kind, a.slot): a
        for a in Attachment.objects.filter(application__registration__edition=edition)
    }
    missing_rows = [f for f in acknowledged["files"] if tuple(f) not in rows]
    broken = 0
    for attachment in rows.values():
        # The file system or the object store alike.
        name = attachment.stored_name
        if not storage.exists(name) or storage.sha256_of_stored(name) != attachment.sha256:
            broken += 1
    return {
        "acknowledged submissions": len(acknowledged["submissions"]),
        "submitted in the database": len(submitted),
        "acknowledged but not committed (submissions)": len(missing_submissions),
        "acknowledged files": len(acknowledged["files"]),
        "file rows in the database": len(rows),
        "acknowledged but not committed (files)": len(missing_rows),
        "rows whose file is missing or differs": broken,
    }


def duration(acknowledged: dict, started: float) -> dt.timedelta:
    ends = [at for _pk, at in acknowledged["submissions"]] or [started]
    return dt.timedelta(seconds=max(ends) - started)


def readable_through(
    edition: Edition, applicants: list[dict], acknowledged: dict, base: str
) -> dict:
    """Every acknowledged file fetched through ``base`` (one app server, bypassing nginx, or the
    front) by its own applicant, logged in there, and compared by SHA-256 with its row."""
    rows = {
        (a.application_id, a.kind, a.slot): (a.pk, a.sha256)
        for a in Attachment.objects.filter(application__registration__edition=edition)
    }
    wanted: dict[int, list[tuple[int, str]]] = {}
    for application, kind, slot in acknowledged["files"]:
        if (application, kind, slot) in rows:
            wanted.setdefault(application, []).append(rows[application, kind, slot])
    emails = {a["application"]: a["email"] for a in applicants}

    def read(application: int) -> Counter:
        counts = Counter()
        with requests.Session() as session:
            login = f"{base}/accounts/login/"
            session.get(login, timeout=60)
            answer = session.post(
                login,
                data={
                    "username": emails[application],
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
                },
                headers={"Referer": login},
                allow_redirects=False,
                timeout=60,
            )
            if answer.status_code != 302:
                counts["not logged in"] += len(wanted[application])
                return counts
            for pk, sha256 in wanted[application]:
                # A signed-URL redirect (LEARNINGCITY_S3_PRESIGNED) is followed to the store.
                got = session.get(f"{base}{reverse('attachments:download', args=[pk])}", timeout=60)
                if got.status_code != 200:
                    counts[f"answered {got.status_code}"] += 1
                elif hashlib.sha256(got.content).hexdigest() == sha256:
                    counts["whole"] += 1
                else:
                    counts["differs"] += 1
        return counts

    total = Counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for counts in pool.map(read, wanted):
            total += counts
    return {"files": sum(len(files) for files in wanted.values()), **total}
