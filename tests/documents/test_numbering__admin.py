"""The admin lists series and numbers; numbers and counters cannot be added, edited or deleted."""

import pytest
from django.urls import reverse

from gongwen.documents.numbering import services
from gongwen.documents.numbering.models import IssuedNumber, NumberSeries

pytestmark = pytest.mark.django_db


@pytest.fixture
def number(admin_user):
    NumberSeries.objects.create(key="县政办发", organ_code="县政办发")
    return services.allocate("县政办发", year=2026, by=admin_user, target="安全生产通知")


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("numberseries", "?q=县政办发&is_active__exact=1"),
        ("issuednumber", "?q=县政办发〔2026〕1号&status__exact=issued"),
        ("seriescounter", "?year=2026"),
    ],
)
def test_changelists_search_and_filter(admin_client, number, model, query) -> None:
    response = admin_client.get(reverse(f"admin:documents_{model}_changelist") + query)
    assert response.status_code == 200


def test_issued_numbers_are_read_only_in_the_admin(admin_client, number) -> None:
    assert admin_client.get(reverse("admin:documents_issuednumber_add")).status_code == 403
    delete = reverse("admin:documents_issuednumber_delete", args=[number.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:documents_issuednumber_change", args=[number.pk])
    admin_client.post(change, {"text": "县政办发〔2026〕9号", "status": "voided"})
    assert IssuedNumber.objects.get().text == "县政办发〔2026〕1号"
