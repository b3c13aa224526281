"""The database refuses what the services refuse, even for writes that skip them."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from razem.initiatives.models import Initiative
from tests.initiatives.conftest import START, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "values",
    [
        {"end_date": START - datetime.timedelta(days=1)},
        {"lat": 52.0, "lon": None},
        {"lat": None, "lon": 17.0},
        {"lat": 55.5, "lon": 17.0},
        {"lat": 52.0, "lon": 24.5},
    ],
)
def test_constraints_refuse_impossible_rows(gmina, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeFactory(territory=gmina, **values)
    assert not Initiative.objects.exists()


def test_a_point_in_poland_and_a_one_day_initiative_are_fine(gmina):
    initiative = InitiativeFactory(territory=gmina, lat=49.0, lon=24.2, end_date=START)
    assert initiative.point == (49.0, 24.2)
    assert not initiative.is_approximate


def test_without_a_point_it_stands_at_the_powiat_centroid(gmina):
    initiative = InitiativeFactory(territory=gmina)
    assert initiative.is_approximate
    assert initiative.point == (gmina.parent.lat, gmina.parent.lon)


def test_finished_follows_the_end_date(gmina):
    past = InitiativeFactory(
        territory=gmina,
        end_date=datetime.date(2020, 1, 2),
        start_date=datetime.date(2020, 1, 1),
    )
    ongoing = InitiativeFactory(territory=gmina)
    assert past.is_finished
    assert not ongoing.is_finished
