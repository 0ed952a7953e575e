"""The user's memberships are read once per web request for every permission check, and read
again as soon as one changes; outside a request every question goes to the database."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from learningcity.accounts.enums import MembershipRole
from learningcity.accounts.memberships import MembershipsPerRequestMiddleware, roles_in
from learningcity.accounts.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _in_request(view):
    """Runs ``view`` inside the middleware, as a web request would."""
    answers = {}

    def get_response(request):
        answers["value"] = view()
        return HttpResponse()

    MembershipsPerRequestMiddleware(get_response)(RequestFactory().get("/"))
    return answers["value"]


def test_one_query_answers_every_check_of_a_request(django_assert_num_queries):
    coordinator = MembershipFactory(role=MembershipRole.COORDINATOR)
    user = coordinator.user
    head = MembershipFactory(user=user, role=MembershipRole.HEAD)
    stranger = OrganisationFactory()

    def checks():
        with django_assert_num_queries(1):
            return [
                roles_in(user, coordinator.organisation_id),
                roles_in(user, head.organisation_id),
                roles_in(user, stranger.pk),
                roles_in(user, coordinator.organisation_id),
            ]

    assert _in_request(checks) == [
        {MembershipRole.COORDINATOR},
        {MembershipRole.HEAD},
        set(),
        {MembershipRole.COORDINATOR},
    ]


def test_a_change_during_the_request_is_seen_at_once():
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    user, organisation = membership.user, membership.organisation

    def change_then_check():
        before = roles_in(user, organisation.pk)
        membership.role = MembershipRole.COORDINATOR
        membership.save()
        promoted = roles_in(user, organisation.pk)
        Membership.objects.filter(pk=membership.pk).delete()
        return before, promoted, roles_in(user, organisation.pk)

    assert _in_request(change_then_check) == (
        {MembershipRole.MEMBER},
        {MembershipRole.COORDINATOR},
        set(),
    )


def test_outside_a_request_every_question_reads_the_database(django_assert_num_queries):
    membership = MembershipFactory(role=MembershipRole.MEMBER)
    with django_assert_num_queries(2):
        roles_in(membership.user, membership.organisation_id)
        roles_in(membership.user, membership.organisation_id)
    Membership.objects.filter(pk=membership.pk).update(role=MembershipRole.COORDINATOR)
    assert roles_in(membership.user, membership.organisation_id) == {MembershipRole.COORDINATOR}
