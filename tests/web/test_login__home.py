"""Login in zh-Hans (English available), home shows who is logged in and their departments."""

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_login_page_is_chinese_by_default_with_security_headers(client) -> None:
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body and "登录" in body
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "csrfmiddlewaretoken" in body


@pytest.mark.django_db
def test_english_is_available(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    body = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in body and "Log in" in body


def test_home_requires_login(client, db) -> None:
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_demo_user_logs_in_and_sees_their_departments(client, demo) -> None:
    response = client.post(
        reverse("login"), {"username": "fanglin", "password": "gongwen-demo"}, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "方琳" in body and "县政府办秘书科" in body and "教育局办公室" in body
    assert "内部" in body  # clearance label in Chinese


def test_wrong_password_is_refused(client, demo) -> None:
    response = client.post(reverse("login"), {"username": "fanglin", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_csrf(demo) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo["users"]["fanglin"])
    assert strict.post(reverse("logout")).status_code == 403
    assert "_auth_user_id" in strict.session


def test_no_debug_by_default() -> None:
    assert settings.DEBUG is False
