from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learningcity.accounts.enums import Role
from learningcity.attachments.services import store_attachment
from learningcity.audit.models import AuditEntry
from learningcity.editions.enums import DocumentKind
from learningcity.network.enums import StoryStatus
from learningcity.network.models import Story
from learningcity.network.services import magazine
from learningcity.privacy.enums import ConsentPurpose
from learningcity.privacy.services import give_consent, withdraw_consent
from tests.applications.factories import IN_SUBMISSION, photo_jpeg
from tests.factories import MembershipFactory, UserFactory, log_in

from .conftest import listed_area


def _photo(application, _user=None):
    member = MembershipFactory(organisation=application.registration.organisation).user
    return store_attachment(
        application=application,
        kind=DocumentKind.PHOTOS,
        slot=1,
        upload=SimpleUploadedFile("p.jpg", photo_jpeg()),
        caption="เด็ก ๆ อ่านหนังสือ",
        user=member,
        at=IN_SUBMISSION,
    )


def _story(user, **kwargs):
    defaults = {
        "title": "ห้องสมุดที่เด็กสร้างเอง",
        "summary": "เรื่องของตำบลที่เด็กช่วยกันสร้างห้องสมุด",
        "body": "## เริ่มจากกล่องหนังสือ\n\nเด็ก **สิบคน** ช่วยกัน",
        "areas": [],
        "editions": [],
    }
    defaults.update(kwargs)
    return magazine.save_story(None, user=user, **defaults)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(
    ("markdown", "text_kept"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;"),
        ('<img src=x onerror="alert(1)">', "&lt;img"),
        ("[คลิก](javascript:alert(1))", "คลิก"),
        ('<a href="https://x.th" onclick="x()">ลิงก์</a>', "ลิงก์"),
        ("[ลิงก์](vbscript:msgbox)", "ลิงก์"),
        ("<iframe src=https://evil.example></iframe>", "&lt;iframe"),
    ],
)
def test_magazine_markdown_with_scripts_or_html_is_rendered_harmless(markdown, text_kept):
    html = magazine.render_markdown(markdown)
    for tag, attrs in _elements(html):
        assert tag in magazine.ALLOWED_TAGS
        assert not [name for name in attrs if name.startswith("on")]
        assert not (attrs.get("href") or "").lower().startswith(("javascript", "vbscript"))
    assert text_kept in html


def test_magazine_markdown_links_get_safe_rel():
    html = magazine.render_markdown("[เว็บ](https://example.org) **หนา**")
    assert _elements(html) == [
        ("p", {}),
        ("a", {"href": "https://example.org", "rel": "noopener noreferrer nofollow"}),
        ("strong", {}),
    ]


def test_magazine_cover_only_from_a_consenting_area(db):
    user = UserFactory(role=Role.SECRETARIAT)
    application = listed_area()
    photo = _photo(application, user)
    area = application.registration.local_government
    with pytest.raises(ValidationError):
        _story(user, areas=[area], cover=photo)
    give_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=user)
    story = _story(user, areas=[area], cover=photo)
    assert magazine.cover_allowed(story)
    withdraw_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=user)
    story.refresh_from_db()
    assert not magazine.cover_allowed(story)


def test_magazine_status_follows_the_transition_table(db):
    user = UserFactory(role=Role.SECRETARIAT)
    story = _story(user)
    with pytest.raises(ValidationError):
        magazine.set_story_status(story, StoryStatus.WITHDRAWN, user=user)
    story = magazine.set_story_status(story, StoryStatus.PUBLISHED, user=user)
    assert story.published_at is not None
    story = magazine.set_story_status(story, StoryStatus.WITHDRAWN, user=user)
    assert list(Story.objects.published()) == []
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["story.created", "story.status_changed", "story.status_changed"]


def test_magazine_story_page_has_share_card_and_photo(client, db):
    user = UserFactory(role=Role.SECRETARIAT)
    application = listed_area()
    give_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=user)
    photo = _photo(application, user)
    story = _story(user, areas=[application.registration.local_government], cover=photo)
    url = reverse("network:story", kwargs={"slug": story.slug})
    assert client.get(url).status_code == 404  # a draft is not public
    magazine.set_story_status(story, StoryStatus.PUBLISHED, user=user)
    html = client.get(url).content.decode()
    photo_url = "http://testserver" + reverse("network:story_photo", args=[story.slug])
    assert '<meta property="og:title" content="ห้องสมุดที่เด็กสร้างเอง">' in html
    assert f'<meta property="og:image" content="{photo_url}">' in html
    assert "<h2>เริ่มจากกล่องหนังสือ</h2>" in html
    photo_response = client.get(photo_url)
    assert photo_response.status_code == 200
    assert photo_response["Content-Type"] == "image/jpeg"
    withdraw_consent(application, ConsentPurpose.PUBLISH_PHOTOS, user=user)
    assert client.get(photo_url).status_code == 404
    assert "og:image" not in client.get(url).content.decode()


def test_magazine_feed_lists_published_stories(client, db):
    user = UserFactory(role=Role.SECRETARIAT)
    published = _story(user, title="เรื่องที่เผยแพร่")
    magazine.set_story_status(published, StoryStatus.PUBLISHED, user=user)
    _story(user, title="ร่างที่ยังไม่เผยแพร่")
    response = client.get(reverse("network:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 1
    assert "<title>เรื่องที่เผยแพร่</title>" in body
    assert "ร่างที่ยังไม่เผยแพร่" not in body


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), (Role.APPLICANT, 404), (Role.JUDGE, 404), (Role.SECRETARIAT, 200)],
)
def test_magazine_writing_is_for_the_secretariat(client, db, role, status):
    story = _story(UserFactory(role=Role.SECRETARIAT))
    if role is not None:
        log_in(client, UserFactory(role=role))
    for url in (
        reverse("network:manage_stories"),
        reverse("network:new_story"),
        reverse("network:edit_story", args=[story.pk]),
    ):
        assert client.get(url).status_code == status, url
    post = client.post(reverse("network:story_status", args=[story.pk]), {"to": "published"})
    assert post.status_code == (302 if role == Role.SECRETARIAT or role is None else 404)
    story.refresh_from_db()
    assert (story.status == StoryStatus.PUBLISHED) == (role == Role.SECRETARIAT)


def test_magazine_secretariat_writes_and_publishes_over_http(client, db):
    log_in(client, UserFactory(role=Role.SECRETARIAT))
    response = client.post(
        reverse("network:new_story"),
        {"title": "เรื่องใหม่", "summary": "สรุป", "body": "เนื้อหา <b>ตัวหนา</b>"},
    )
    story = Story.objects.get()
    assert response.url == reverse("network:edit_story", args=[story.pk])
    client.post(reverse("network:story_status", args=[story.pk]), {"to": "published"})
    page = client.get(reverse("network:story", args=[story.slug])).content.decode()
    assert "เนื้อหา &lt;b&gt;ตัวหนา&lt;/b&gt;" in page
