"""The installation's secret key and the keys derived from it."""

import os
import stat

import pytest

from dashboard import keys


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    keys.secret_key.cache_clear()
    yield monkeypatch
    keys.secret_key.cache_clear()


def test_purposes_get_different_keys_and_hashes():
    assert keys.derived_key("erasure") != keys.derived_key("attendance")
    assert keys.keyed_hash("erasure", "a@b.org") != keys.keyed_hash("attendance", "a@b.org")
    assert keys.keyed_hash("erasure", "a@b.org") == keys.keyed_hash("erasure", "a@b.org")


def test_a_keyed_hash_depends_on_the_secret(fresh):
    fresh.setenv(keys.ENV_VAR, "x" * 40)
    first = keys.keyed_hash("erasure", "a@b.org")
    keys.secret_key.cache_clear()
    fresh.setenv(keys.ENV_VAR, "y" * 40)
    assert keys.keyed_hash("erasure", "a@b.org") != first


def test_a_short_secret_is_refused(fresh):
    fresh.setenv(keys.ENV_VAR, "too short")
    with pytest.raises(keys.SecretKeyMissing):
        keys.secret_key()


def test_without_the_setting_a_local_key_is_made_once_for_its_owner_only(fresh, tmp_path):
    fresh.delenv(keys.ENV_VAR, raising=False)
    first = keys.secret_key()
    path = tmp_path / keys.KEY_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    keys.secret_key.cache_clear()
    assert keys.secret_key() == first == path.read_bytes().strip()
