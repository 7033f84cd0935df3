"""A department rule added in the admin is validated: bad data is refused with the reason."""

import json

import pytest
from django.urls import reverse

from gongwen.documents.formatcheck.models import FormatRule

pytestmark = pytest.mark.django_db


def form(**changes) -> dict:
    data = {
        "code": "all.no_slang",
        "department": "",
        "rule_type": "keywords_forbidden",
        "severity": "warning",
        "kinds": "[]",
        "directions": "[]",
        "params": json.dumps({"elements": ["body"], "keywords": ["抓手"]}),
        "message_zh": "请勿使用“{keyword}”。",
        "message_en": "Avoid “{keyword}”.",
        "is_active": "on",
    }
    return {**data, **changes}


def test_a_valid_rule_is_saved(admin_client) -> None:
    response = admin_client.post(reverse("admin:documents_formatrule_add"), form())
    assert response.status_code == 302
    assert FormatRule.objects.get().to_spec().params["keywords"] == ["抓手"]


def test_a_rule_with_bad_parameters_is_refused_with_the_reason(admin_client) -> None:
    bad = form(params=json.dumps({"elements": ["body"], "keywords": []}))
    response = admin_client.post(reverse("admin:documents_formatrule_add"), bad)
    assert response.status_code == 200
    assert "should be non-empty" in response.content.decode()
    assert not FormatRule.objects.exists()


def test_the_changelist_filters_rules(admin_client) -> None:
    url = reverse("admin:documents_formatrule_changelist") + "?q=slang&severity__exact=warning"
    assert admin_client.get(url).status_code == 200
