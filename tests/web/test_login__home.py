"""Login in zh-Hans (English available), home shows who is logged in; no debug by default."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

REPO = Path(__file__).resolve().parents[2]


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


def test_debug_is_off_unless_gongwen_debug_turns_it_on(tmp_path, monkeypatch) -> None:
    """Ask a fresh ``manage.py``: pytest-django forces ``DEBUG`` off in this process."""
    env = {k: v for k, v in os.environ.items() if k != "GONGWEN_DEBUG"}
    env["GONGWEN_VAR_DIR"] = str(tmp_path)  # keep the probe's secret key out of var/
    probe = "from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(REPO / "manage.py"), "shell", "-v", "0", "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "False"
    # And the switch works, so "False" above is the default, not the only value it can take.
    monkeypatch.setenv("GONGWEN_DEBUG", "1")
    monkeypatch.setenv("GONGWEN_VAR_DIR", str(tmp_path))
    assert runpy.run_path(str(REPO / "platform" / "gongwen" / "settings.py"))["DEBUG"] is True
