"""Error pages are Gongwen's own, in zh-Hans (English on request), never viewflow's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path


def _boom(request):
    raise RuntimeError("boom")


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


urlpatterns = [
    path("boom/", _boom),
    path("forbidden/", _forbidden),
    path("bad/", _bad),
]


@pytest.fixture
def failing_urls(settings):
    from gongwen import urls

    settings.ROOT_URLCONF = __name__
    urlpatterns[3:] = urls.urlpatterns
    yield


@pytest.mark.django_db
def test_404_is_ours_in_chinese(client) -> None:
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-hans">' in body and "页面没有找到" in body
    assert 'data-testid="error-page"' in body
    assert "We're sorry" not in body and "material" not in body.lower()


@pytest.mark.django_db
def test_404_in_english_when_chosen(client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/no-such-page/").content.decode()
    assert '<html lang="en">' in body and "Page not found" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "text"), [("/forbidden/", 403, "无权访问"), ("/bad/", 400, "请求有误")]
)
def test_403_and_400_are_ours(client, failing_urls, url, status, text) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert text in response.content.decode()


@pytest.mark.django_db
def test_500_is_ours_and_says_nothing_internal(failing_urls) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in body and "boom" not in body and "Traceback" not in body


@pytest.mark.django_db
def test_csrf_failure_is_ours() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


@pytest.mark.django_db
def test_favicon_is_served(client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("gongwen/favicon.ico")
