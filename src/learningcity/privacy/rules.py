"""Who may do what with personal data (django-rules, autodiscovered)."""

import rules

from learningcity.accounts.rules import is_secretariat

rules.add_perm("privacy.manage_retention", is_secretariat)


@rules.predicate
def may_withdraw_consent(user, consent) -> bool:
    """The person who gave it, the person it is about, or a member of the organisation whose
    entry it is about may withdraw a standing consent."""
    from learningcity.privacy.services import consents_of_person

    if not user.is_authenticated or consent is None or consent.withdrawn_at is not None:
        return False
    return consents_of_person(user).filter(pk=consent.pk).exists()


rules.add_perm("privacy.review_erasure", is_secretariat)
rules.add_perm("privacy.withdraw_consent", may_withdraw_consent)
