"""One-time links for confirming that a person reads the e-mail address they gave."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens valid for ``PASSWORD_RESET_TIMEOUT`` that stop working once the address is verified.

    The hash covers the verification time and the address itself, so a used link and a link
    sent to an address the account no longer has are both refused.
    """

    key_salt = "learningcity.accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        verified_at = user.email_verified_at
        verified = "" if verified_at is None else verified_at.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.email}{verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
