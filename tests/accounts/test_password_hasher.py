import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

PRODUCTION_HASHERS = [
    "learningcity.accounts.hashers.OwaspArgon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


def test_password_new_hash_is_argon2id_with_owasp_parameters(production_hashers):
    assert make_password(PASSWORD).startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_password_old_pbkdf2_hash_upgrades_to_argon2id_at_login(client, db, production_hashers):
    person = UserFactory(email="somchai@example.org")
    person.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    person.save(update_fields=["password"])
    assert person.password.startswith("pbkdf2_sha256$")

    response = client.post(
        reverse("accounts:login"), {"username": "somchai@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert person.check_password(PASSWORD)


def test_password_django_default_argon2_parameters_upgrade_at_login(client, db, production_hashers):
    person = UserFactory(email="somchai@example.org")
    # Django's own Argon2 parameters (100 MiB, 8 lanes): verified, then re-made with ours.
    person.password = Argon2PasswordHasher().encode(PASSWORD, "saltsaltsaltsalt")
    person.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in person.password

    client.post(
        reverse("accounts:login"), {"username": "somchai@example.org", "password": PASSWORD}
    )

    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
