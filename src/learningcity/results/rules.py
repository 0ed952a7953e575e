"""Who may do what with results (django-rules, autodiscovered); denial answers 404 in views."""

import rules

from learningcity.accounts.rules import is_member_of_organisation, is_secretariat
from learningcity.judging.models import Judge


@rules.predicate
def is_chair_of(user, edition) -> bool:
    """The chair of the edition's committee."""
    if not user.is_authenticated or edition is None:
        return False
    return Judge.objects.filter(edition=edition, user=user, is_chair=True).exists()


@rules.predicate
def is_certificate_holder(user, certificate) -> bool:
    """A member of the organisation whose application the certificate is for."""
    if certificate is None:
        return False
    return is_member_of_organisation(user, certificate.application.registration.organisation)


@rules.predicate
def is_certificate_public(user, certificate) -> bool:
    """The certificate's category results are published: before then only the secretariat
    sees it, so that no area learns its award ahead of the announcement."""
    return certificate is not None and certificate.decision.is_public()


rules.add_perm("results.manage_edition", is_secretariat | is_chair_of)
rules.add_perm("results.reopen_decision", is_chair_of)
rules.add_perm(
    "results.download_certificate",
    is_secretariat | (is_certificate_holder & is_certificate_public),
)
