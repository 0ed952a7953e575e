"""Bad input on the upload page (issue 14): oversized ids, empty files, long Thai names, and
concurrent uploads to one slot."""

import html
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection
from django.urls import reverse

from learningcity.attachments.models import Attachment
from learningcity.attachments.services import store_attachment
from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import DocumentKind
from tests.attachments import corpus

HUGE = "99999999999999999999"  # over 2^64: no integer column can hold it
THAI = range(0x0E00, 0x0E80)


def _thai(text: str) -> bool:
    return sum(ord(char) in THAI for char in text) >= 10


def _upload(client, application, **fields):
    data = {"kind": DocumentKind.MAP, "slot": "1", "caption": "แผนที่"}
    data.update(fields)
    return client.post(reverse("attachments:upload", args=[application.pk]), data)


def _pdf(name: str = "แผนที่.pdf", data: bytes | None = None):
    upload = io.BytesIO(data if data is not None else corpus.pdf_bytes())
    upload.name = name
    return upload


@pytest.mark.parametrize("field", ["criteria", "slot", "replaces"])
def test_upload_oversized_integer_answers_400_in_thai(client, open_now, member, field):
    client.force_login(member)

    response = _upload(client, open_now, file=_pdf(), **{field: HUGE})

    assert response.status_code == 400
    assert _thai(html.unescape(response.content.decode()))
    assert Attachment.objects.count() == 0


def test_upload_oversized_application_id_in_the_url_answers_400_in_thai(client, member, db):
    client.force_login(member)

    response = client.post(f"/files/applications/{HUGE}/upload/", {"kind": "map", "slot": "1"})

    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert _thai(response.content.decode())


def test_upload_oversized_criteria_by_xhr_answers_json_400_in_thai(client, open_now, member):
    client.force_login(member)

    response = client.post(
        reverse("attachments:upload", args=[open_now.pk]),
        {"kind": DocumentKind.MAP, "slot": "1", "criteria": HUGE, "file": _pdf()},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )

    assert response.status_code == 400
    assert _thai(response.json()["error"])


def test_upload_empty_file_says_it_is_empty(client, open_now, member):
    client.force_login(member)

    response = _upload(client, open_now, file=_pdf(data=b""))

    assert response.status_code == 400
    assert "ไฟล์ว่างเปล่า" in html.unescape(response.content.decode())


@pytest.mark.parametrize("length", [120, 311, 400, 2000])
def test_upload_thai_name_of_any_length_accepted_and_shortened(client, open_now, member, length):
    client.force_login(member)
    name = ("แผนที่ชุมชนแห่งการเรียนรู้" * 200)[: length - 4] + ".pdf"

    response = _upload(client, open_now, file=_pdf(name))

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.display_name.endswith(".pdf")
    assert len(attachment.display_name) == min(length, 120)
    assert attachment.display_name.startswith("แผนที่ชุมชน")


def test_upload_conflict_when_slot_changed_since_the_page_was_loaded(client, open_now, member):
    client.force_login(member)
    _upload(client, open_now, file=_pdf("first.pdf"), replaces="0")
    first = Attachment.objects.get()

    late = _upload(
        client, open_now, file=_pdf("late.pdf", corpus.pdf_bytes(b"/Lang (th)")), replaces="0"
    )

    assert late.status_code == 400
    assert "first.pdf" in html.unescape(late.content.decode())
    assert list(Attachment.objects.values_list("pk", flat=True)) == [first.pk]


def test_upload_replacing_what_the_page_showed_says_so(client, open_now, member):
    client.force_login(member)
    _upload(client, open_now, file=_pdf("first.pdf"), replaces="0")
    first = Attachment.objects.get()

    response = _upload(
        client,
        open_now,
        file=_pdf("second.pdf", corpus.pdf_bytes(b"/Lang (th)")),
        replaces=str(first.pk),
    )

    assert response.status_code == 302
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "แทนที่ “first.pdf”" in page
    assert Attachment.objects.get().display_name == "second.pdf"


@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_to_one_slot_one_kept_others_told(open_now, member, media):
    """Three uploads from the same view of an empty slot, at once: exactly one is stored and
    the other two are refused as conflicts; nothing acknowledged is lost."""
    results: dict[int, str] = {}
    barrier = threading.Barrier(3)

    def upload(number: int) -> None:
        close_old_connections()
        try:
            barrier.wait()
            for _attempt in range(50):
                try:
                    store_attachment(
                        application=open_now,
                        kind=DocumentKind.MAP,
                        slot=1,
                        upload=ContentFile(
                            corpus.pdf_bytes(b"/Lang (th-%d)" % number), name=f"{number}.pdf"
                        ),
                        caption="แผนที่",
                        user=member,
                        replaces=0,
                    )
                    results[number] = "stored"
                    break
                except ValidationError as error:
                    results[number] = error.code
                    break
                except Exception as error:  # SQLite's shared in-memory cache: "table locked"
                    if "locked" not in str(error):
                        results[number] = repr(error)
                        break
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values()) == ["conflict", "conflict", "stored"]
    stored = [n for n, result in results.items() if result == "stored"]
    kept = Attachment.objects.get()
    assert kept.display_name == f"{stored[0]}.pdf"
    assert AuditEntry.objects.filter(action__startswith="attachment.").count() == 1
