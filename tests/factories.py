"""factory_boy factories for the foundation's models. Apps add their own beside them."""

from __future__ import annotations

import factory
from django.conf import settings

from kwartier.accounts.models import Layer, Membership, Network, Organisation, Role, Team, User

PASSWORD = "een-lang-test-wachtwoord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    city = "Hofstad"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    layer = Layer.FRONTLINE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EMPLOYEE


assert settings.AUTH_USER_MODEL == "accounts.User"


def api_token_for(user: User) -> str:
    """A new API token for `user` (only its hash is stored; this is the one copy)."""
    from kwartier.api.tokens import api_token_create

    return api_token_create(user=user)


def api_auth(user: User) -> dict[str, str]:
    """Request headers that authenticate as `user` with a new API token."""
    return {"HTTP_AUTHORIZATION": f"Token {api_token_for(user)}"}


def network_financier(organisation: Organisation) -> User:
    """A financier of the municipality Hofstad, in one regional network with
    `organisation`: who reads that organisation's adopted plans."""
    network = NetworkFactory(slug="regio-oost")
    municipality = OrganisationFactory(name="Gemeente Hofstad", slug="hofstad")
    for member in (municipality, organisation):
        member.networks.add(network)
    financier = UserFactory(email="financier@hofstad.example.nl")
    MembershipFactory(user=financier, organisation=municipality, role=Role.FINANCIER)
    return financier
