from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from learningcity.accounts import services
from learningcity.accounts.enums import Role
from learningcity.accounts.models import User
from tests.factories import PASSWORD, UserFactory

SIGNUP = reverse("accounts:signup")
DONE = reverse("accounts:signup_done")
NEW_PASSWORD = "lamphun-river-lantern-47"


def signup_data(**overrides) -> dict:
    data = {
        "full_name": "  สมหญิง   ใจดี ",
        "email": "Somying@Example.org",
        "phone": "081 234 5678",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return data


def test_signup_page_shows_the_privacy_notice(client, db):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    content = response.content.decode()
    assert "ประกาศความเป็นส่วนตัว" in content
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562" in content
    assert 'name="privacy_accepted"' in content


def test_signup_creates_unverified_applicant_and_mails_a_link(client, db, links_in):
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response.url == DONE
    user = User.objects.get()
    assert user.email == "somying@example.org"
    assert user.full_name == "สมหญิง ใจดี"
    assert user.phone == "081 234 5678"
    assert user.role == Role.APPLICANT
    assert user.email_verified_at is None
    assert user.privacy_accepted_at is not None
    assert user.check_password(NEW_PASSWORD)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somying@example.org"]
    assert message.subject == "ยืนยันอีเมลของคุณ — แพลตฟอร์มเมืองแห่งการเรียนรู้ของประเทศไทย"
    assert "เรียน สมหญิง ใจดี" in message.body
    assert "ลิงก์นี้ใช้ได้ครั้งเดียว ภายใน 3 วัน" in message.body
    verify_path = links_in(message)[0]
    assert verify_path.startswith("/accounts/verify/")

    verified = client.get(verify_path)

    assert verified.status_code == 302
    assert verified.url == reverse("accounts:home")
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_signup_done_page_asks_to_check_the_mailbox(client, db):
    response = client.get(DONE)

    assert response.status_code == 200
    assert "โปรดตรวจสอบอีเมลของคุณ" in response.content.decode()


def test_signup_taken_address_in_any_case_answers_the_same_and_warns_owner(client, db, links_in):
    owner = UserFactory(email="somying@example.org", full_name="สมหญิง เจ้าของ")

    for address in ["somying@example.org", "SOMYING@Example.ORG"]:
        mail.outbox.clear()
        response = client.post(SIGNUP, signup_data(email=address))

        assert response.status_code == 302
        assert response.url == DONE
        assert list(User.objects.values_list("pk", flat=True)) == [owner.pk]
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["somying@example.org"]
        assert message.subject == (
            "มีผู้พยายามสมัครสมาชิกด้วยอีเมลของคุณ — แพลตฟอร์มเมืองแห่งการเรียนรู้ของประเทศไทย"
        )
        assert "เรียน สมหญิง เจ้าของ" in message.body
        assert links_in(message) == [
            reverse("accounts:login"),
            reverse("accounts:password_reset"),
            "",  # the site address that signs the e-mail
        ]
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)
    assert owner.full_name == "สมหญิง เจ้าของ"


def test_signup_taken_unverified_address_gets_a_fresh_verification_link(client, db, links_in):
    owner = UserFactory(email="somying@example.org", email_verified_at=None)

    client.post(SIGNUP, signup_data())

    paths = links_in(mail.outbox[0])
    assert paths[:2] == [reverse("accounts:login"), reverse("accounts:password_reset")]
    assert paths[2].startswith("/accounts/verify/")
    assert client.get(paths[2]).status_code == 302
    owner.refresh_from_db()
    assert owner.email_verified_at is not None


def test_signup_without_privacy_acknowledgement_is_refused(client, db):
    data = signup_data()
    del data["privacy_accepted"]

    response = client.post(SIGNUP, data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "privacy_accepted": ["โปรดอ่านประกาศความเป็นส่วนตัว แล้วทำเครื่องหมายในช่องนี้"]
    }
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_signup_weak_password_is_refused_in_thai(client, db):
    response = client.post(SIGNUP, signup_data(password1="12345678", password2="12345678"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password2": [
            "รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไปเกินไป",
            "รหัสผ่านนี้เป็นตัวเลขล้วน",
        ]
    }
    assert User.objects.count() == 0


def test_signup_password_like_the_email_is_refused(client, db):
    response = client.post(
        SIGNUP,
        signup_data(password1="somying@example", password2="somying@example"),
    )

    assert response.context["form"].errors == {"password2": ["รหัสผ่านคล้ายกับอีเมลมากเกินไป"]}


def test_signup_mismatched_passwords_are_refused(client, db):
    response = client.post(SIGNUP, signup_data(password2="something-else-entirely"))

    assert response.context["form"].errors == {"password2": ["รหัสผ่านทั้งสองช่องไม่ตรงกัน"]}
    assert User.objects.count() == 0


def test_signup_phone_of_letters_is_refused(client, db):
    response = client.post(SIGNUP, signup_data(phone="call me"))

    assert response.context["form"].errors == {"phone": ["กรอกเบอร์โทรศัพท์เป็นตัวเลข เช่น 081 234 5678"]}


def test_signup_phone_may_be_left_empty(client, db):
    client.post(SIGNUP, signup_data(phone=""))

    assert User.objects.get().phone == ""


def test_signup_when_logged_in_goes_to_the_workspace(client, db):
    client.force_login(UserFactory())

    response = client.get(SIGNUP)

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


def test_sign_up_service_returns_none_for_a_taken_address(db):
    owner = UserFactory(email="taken@example.org")

    result = services.sign_up(full_name="ใครก็ได้", email="Taken@example.org", password="x")

    assert result is None
    assert User.objects.count() == 1
    assert mail.outbox[0].to == [owner.email]


def test_sign_up_service_does_not_log_anyone_in(client, db):
    client.post(SIGNUP, signup_data())

    assert SESSION_KEY not in client.session
