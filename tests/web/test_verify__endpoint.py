"""``POST /documents/verify/`` answers JSON for PDFs and a clean 400 for anything else."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongwen.documents.seals.certificates import to_pem
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.seals.signing import seal_document
from gongwen.org.models import User
from tests.documents.test_seals__support import ORGAN, flip_byte_in_content, make_seal, pki

URL = "/documents/verify/"


@pytest.fixture(scope="module")
def signed() -> bytes:
    signer = User(pk=7, username="chenming", display_name="陈明")
    return seal_document(
        sample_document_pdf(), seal=make_seal(), signer=signer, authorised_signer=signer
    )


@pytest.fixture
def client_in(db, settings, tmp_path) -> Client:
    (tmp_path / "root.pem").write_text(to_pem(pki().root))
    settings.GONGWEN = {"SEAL_TRUST_ROOTS": str(tmp_path / "root.pem"), "UPLOAD_MAX_BYTES": 200_000}
    user = User.objects.create_user("verifier", password="x-unused-x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("home"))  # sets the CSRF cookie
    return client


def _post(client: Client, data: bytes | None, name: str = "doc.pdf", **extra):
    token = client.cookies["csrftoken"].value
    payload = {"file": SimpleUploadedFile(name, data)} if data is not None else {}
    return client.post(URL, payload, HTTP_X_CSRFTOKEN=token, **extra)


def test_url_is_documents_verify() -> None:
    assert reverse("documents-verify") == URL


def test_valid_signed_pdf(client_in, signed) -> None:
    response = _post(client_in, signed)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "valid" and body["signer"] == "陈明" and body["organ"] == ORGAN
    assert body["signed_at"] and body["message"]


def test_tampered_and_unsigned_pdfs_are_reported_not_refused(client_in, signed) -> None:
    assert _post(client_in, flip_byte_in_content(signed)).json()["status"] == "modified"
    assert _post(client_in, sample_document_pdf()).json()["status"] == "unsigned"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"just text", "not_pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "not_pdf"),
        (b"%PDF-1.7\n" + b"\xff" * 5000, "not_pdf"),
        (b"", "not_pdf"),
        (None, "missing"),
    ],
)
def test_non_pdf_upload_is_a_json_400(client_in, data, code) -> None:
    response = _post(client_in, data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == code and response.json()["message"]


def test_file_over_the_limit_is_a_json_400(client_in) -> None:
    response = _post(client_in, b"%PDF-1.7\n" + b"0" * 250_000)
    assert response.status_code == 400 and response.json()["error"] == "too_large"


def test_declared_huge_body_is_refused_before_reading_it(client_in) -> None:
    token = client_in.cookies["csrftoken"].value
    response = client_in.generic(
        "POST",
        URL,
        b"x" * 10,
        content_type="multipart/form-data; boundary=B",
        HTTP_X_CSRFTOKEN=token,
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 400 and response.json()["error"] == "too_large"


def test_malformed_multipart_is_a_json_400(client_in) -> None:
    token = client_in.cookies["csrftoken"].value
    response = client_in.generic(
        "POST", URL, b"--nope", content_type="multipart/form-data", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 400 and response.json()["error"] == "bad_request"


def test_login_is_required(db, signed) -> None:
    response = Client().post(URL, {"file": SimpleUploadedFile("a.pdf", signed)})
    assert response.status_code == 302 and reverse("login") in response.url


def test_csrf_token_is_required(client_in, signed) -> None:
    response = client_in.post(URL, {"file": SimpleUploadedFile("a.pdf", signed)})
    assert response.status_code == 403


def test_only_post(client_in) -> None:
    assert client_in.get(URL).status_code == 405
