"""Encryption at rest (Fernet, with key rotation) and keyed lookup hashes (HMAC-SHA256)."""
import os
import stat

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from webapp.services.identity import crypto

ID_NUMBER = "11010519491231002X"
HASH_KEY = "a-fixed-hash-key-for-tests-only-0123456789"
OTHER_HASH_KEY = "another-hash-key-for-tests-only-9876543210"


def make_app(instance_path, **config) -> Flask:
    """A bare app with only the crypto keys loaded, its instance folder in tmp_path."""
    app = Flask(__name__, instance_path=str(instance_path))
    app.config.update(config)
    crypto.init_app(app)
    return app


def run_in(app, function, *args):
    with app.app_context():
        return function(*args)


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path / "instance", APP_ENV="testing",
                   DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(), DATA_HASH_KEY=HASH_KEY)
    with app.app_context():
        yield app


@pytest.mark.parametrize("text", [ID_NUMBER, ID_NUMBER + "12", "阳泉市城区", ""])
def test_encrypted_text_decrypts_to_the_same_text(app, text):
    assert crypto.decrypt(crypto.encrypt(text)) == text


def test_ciphertext_hides_the_text_and_differs_each_time(app):
    first, second = crypto.encrypt(ID_NUMBER), crypto.encrypt(ID_NUMBER)
    assert ID_NUMBER not in first and "19491231" not in first
    assert first != second
    assert isinstance(first, str) and first.isascii()


@pytest.mark.parametrize("token", ["", "not-a-token", "gAAAAABnot-valid-base64!!", "密文"])
def test_a_damaged_token_raises_a_clear_error(app, token):
    with pytest.raises(RuntimeError, match="could not be decrypted"):
        crypto.decrypt(token)


def test_a_token_from_another_key_raises_a_clear_error(app, tmp_path):
    other = make_app(tmp_path / "other", DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
                     DATA_HASH_KEY=HASH_KEY)
    token = run_in(other, crypto.encrypt, ID_NUMBER)
    with pytest.raises(RuntimeError, match="DATA_ENCRYPTION_KEY"):
        crypto.decrypt(token)


def test_a_tampered_token_is_refused(app):
    token = crypto.encrypt(ID_NUMBER)
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(RuntimeError):
        crypto.decrypt(tampered)


def test_lookup_hash_is_deterministic_hex_and_ignores_how_the_number_was_typed(app):
    digest = crypto.lookup_hash(ID_NUMBER)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert ID_NUMBER not in digest
    assert crypto.lookup_hash(ID_NUMBER) == digest
    assert crypto.lookup_hash("110105 19491231 002x") == digest
    assert crypto.lookup_hash("１１０１０５１９４９１２３１００２Ｘ") == digest
    assert crypto.lookup_hash(ID_NUMBER + "12") != digest


def test_lookup_hash_depends_on_the_key(tmp_path):
    key = Fernet.generate_key().decode()
    same = make_app(tmp_path / "a", DATA_ENCRYPTION_KEY=key, DATA_HASH_KEY=HASH_KEY)
    again = make_app(tmp_path / "b", DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
                     DATA_HASH_KEY=HASH_KEY)
    other = make_app(tmp_path / "c", DATA_ENCRYPTION_KEY=key, DATA_HASH_KEY=OTHER_HASH_KEY)
    digest = run_in(same, crypto.lookup_hash, ID_NUMBER)
    assert run_in(again, crypto.lookup_hash, ID_NUMBER) == digest
    assert run_in(other, crypto.lookup_hash, ID_NUMBER) != digest


def test_rotation_the_first_key_encrypts_and_every_key_decrypts(tmp_path):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    before = make_app(tmp_path / "before", DATA_ENCRYPTION_KEY=old, DATA_HASH_KEY=HASH_KEY)
    old_token = run_in(before, crypto.encrypt, ID_NUMBER)

    after = make_app(tmp_path / "after", DATA_ENCRYPTION_KEY=f"{new}, {old}", DATA_HASH_KEY=HASH_KEY)
    assert run_in(after, crypto.decrypt, old_token) == ID_NUMBER
    new_token = run_in(after, crypto.encrypt, ID_NUMBER)
    assert Fernet(new.encode()).decrypt(new_token.encode()) == ID_NUMBER.encode()

    only_new = make_app(tmp_path / "only-new", DATA_ENCRYPTION_KEY=new, DATA_HASH_KEY=HASH_KEY)
    assert run_in(only_new, crypto.decrypt, new_token) == ID_NUMBER
    with pytest.raises(RuntimeError):
        run_in(only_new, crypto.decrypt, old_token)


def test_development_keys_are_created_once_in_the_instance_folder_and_reused(tmp_path):
    instance = tmp_path / "instance"
    first = make_app(instance, APP_ENV="development")
    key_files = [instance / "data-encryption-key", instance / "data-hash-key"]
    for path in key_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    contents = [path.read_text() for path in key_files]
    Fernet(contents[0].strip())  # a real Fernet key
    assert len(contents[1].strip()) >= 32
    assert sorted(os.listdir(instance)) == ["data-encryption-key", "data-hash-key"]
    token = run_in(first, crypto.encrypt, ID_NUMBER)
    digest = run_in(first, crypto.lookup_hash, ID_NUMBER)

    second = make_app(instance)  # a later start; no APP_ENV means development
    assert [path.read_text() for path in key_files] == contents
    assert run_in(second, crypto.decrypt, token) == ID_NUMBER
    assert run_in(second, crypto.lookup_hash, ID_NUMBER) == digest


def test_configured_keys_write_no_files(tmp_path):
    make_app(tmp_path / "instance", DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(),
             DATA_HASH_KEY=HASH_KEY)
    assert not (tmp_path / "instance").exists()


@pytest.mark.parametrize("config, missing", [
    ({}, "DATA_ENCRYPTION_KEY"),
    ({"DATA_ENCRYPTION_KEY": "", "DATA_HASH_KEY": HASH_KEY}, "DATA_ENCRYPTION_KEY"),
    ({"DATA_ENCRYPTION_KEY": Fernet.generate_key().decode()}, "DATA_HASH_KEY"),
    ({"DATA_ENCRYPTION_KEY": Fernet.generate_key().decode(), "DATA_HASH_KEY": None}, "DATA_HASH_KEY"),
])
def test_production_without_keys_refuses_to_start(tmp_path, config, missing):
    with pytest.raises(RuntimeError, match=f"{missing} must be set when APP_ENV=production"):
        make_app(tmp_path / "instance", APP_ENV="production", **config)
    assert not (tmp_path / "instance").exists()


def test_production_with_keys_starts(tmp_path):
    app = make_app(tmp_path / "instance", APP_ENV="production",
                   DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(), DATA_HASH_KEY=HASH_KEY)
    assert run_in(app, lambda: crypto.decrypt(crypto.encrypt(ID_NUMBER))) == ID_NUMBER


@pytest.mark.parametrize("encryption_key, hash_key, name, secret", [
    ("not-a-fernet-key", HASH_KEY, "DATA_ENCRYPTION_KEY", "not-a-fernet-key"),
    (" , ", HASH_KEY, "DATA_ENCRYPTION_KEY", None),
    (Fernet.generate_key().decode(), "short-hash-key", "DATA_HASH_KEY", "short-hash-key"),
])
def test_malformed_keys_are_refused_without_echoing_them(tmp_path, encryption_key, hash_key, name,
                                                         secret):
    with pytest.raises(RuntimeError, match=name) as caught:
        make_app(tmp_path / "instance", APP_ENV="production",
                 DATA_ENCRYPTION_KEY=encryption_key, DATA_HASH_KEY=hash_key)
    if secret:
        assert secret not in str(caught.value)


def test_short_hash_keys_are_allowed_outside_production(tmp_path):
    app = make_app(tmp_path / "instance", APP_ENV="testing",
                   DATA_ENCRYPTION_KEY=Fernet.generate_key().decode(), DATA_HASH_KEY="test-hash-key")
    assert len(run_in(app, crypto.lookup_hash, ID_NUMBER)) == 64


def test_using_crypto_before_init_app_says_so(tmp_path):
    with Flask(__name__, instance_path=str(tmp_path)).app_context():
        with pytest.raises(RuntimeError, match="init_app"):
            crypto.encrypt(ID_NUMBER)
