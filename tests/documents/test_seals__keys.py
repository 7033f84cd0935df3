"""A seal's private key is stored encrypted and is unreadable without the key-encryption key."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from django.contrib.admin import AdminSite
from django.db import connection
from django.test import RequestFactory

from gongwen.documents.seals.admin import SealAdmin
from gongwen.documents.seals.exceptions import SealKeyError
from gongwen.documents.seals.keys import SEAL_KEY_ENV, kek_source, private_key_der
from gongwen.documents.seals.models import Seal
from tests.documents.test_seals__support import make_seal, pki


def _same_key(a, b) -> bool:
    return a.private_numbers() == b.private_numbers()


def test_stored_key_is_encrypted_pkcs8_not_the_plain_key() -> None:
    seal = make_seal()
    stored = bytes(seal.encrypted_key)
    plain = private_key_der(pki().organ_key)
    assert plain not in stored and plain[-64:] not in stored
    with pytest.raises(TypeError):  # "password was not given but private key is encrypted"
        serialization.load_der_private_key(stored, password=None)
    with pytest.raises(ValueError):
        serialization.load_der_private_key(stored, password=b"guess")
    assert _same_key(seal.private_key(), pki().organ_key)


def test_key_is_unreadable_after_the_seal_key_changes(monkeypatch) -> None:
    monkeypatch.setenv(SEAL_KEY_ENV, "a long random secret for seal keys, version one")
    seal = make_seal()
    assert kek_source() == SEAL_KEY_ENV
    monkeypatch.setenv(SEAL_KEY_ENV, "another secret")
    with pytest.raises(SealKeyError, match="another key-encryption key"):
        seal.private_key()
    kek_id, seal.key_kek_id = seal.key_kek_id, ""  # without the id hint decryption fails too
    with pytest.raises(SealKeyError, match="could not be decrypted"):
        seal.private_key()
    monkeypatch.setenv(SEAL_KEY_ENV, "a long random secret for seal keys, version one")
    seal.key_kek_id = kek_id
    assert _same_key(seal.private_key(), pki().organ_key)


def test_without_seal_key_the_secret_key_is_used(monkeypatch, settings) -> None:
    monkeypatch.delenv(SEAL_KEY_ENV, raising=False)
    seal = make_seal()
    assert kek_source() == "SECRET_KEY"
    settings.SECRET_KEY = "rotated-" + settings.SECRET_KEY
    with pytest.raises(SealKeyError):
        seal.private_key()


@pytest.mark.django_db
def test_database_column_holds_only_ciphertext() -> None:
    seal = make_seal()
    seal.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT encrypted_key FROM documents_seal WHERE id = %s", [seal.pk])
        (raw,) = cursor.fetchone()
    assert bytes(raw) == bytes(seal.encrypted_key)
    assert private_key_der(pki().organ_key) not in bytes(raw)
    assert _same_key(Seal.objects.get(pk=seal.pk).private_key(), pki().organ_key)


def test_key_is_kept_out_of_admin_and_text_forms() -> None:
    seal = make_seal()
    admin = SealAdmin(Seal, AdminSite())
    request = RequestFactory().get("/")
    fields = set(admin.get_fields(request, seal))
    assert not fields & {"encrypted_key", "key_kek_id", "image_png"}
    assert "encrypted_key" not in admin.get_form(request, seal).base_fields
    assert not admin.has_add_permission(request)
    for text in (str(seal), repr(seal)):
        assert "KEY" not in text and len(text) < 60


def test_keys_can_be_re_encrypted_for_a_new_seal_key(monkeypatch) -> None:
    from gongwen.documents.seals.keys import (
        decrypt_private_key,
        encrypt_private_key,
        key_encryption_key,
    )

    monkeypatch.setenv(SEAL_KEY_ENV, "old secret, long and random")
    seal = make_seal()
    old, new = key_encryption_key("old secret, long and random"), key_encryption_key("new one")
    key = decrypt_private_key(bytes(seal.encrypted_key), seal.key_kek_id, kek=old)
    seal.encrypted_key, seal.key_kek_id = encrypt_private_key(key, kek=new)
    monkeypatch.setenv(SEAL_KEY_ENV, "new one")
    assert _same_key(seal.private_key(), pki().organ_key)
