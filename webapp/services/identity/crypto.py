"""Encryption at rest for resident ID and certificate numbers, and keyed hashes to find them.

DATA_ENCRYPTION_KEY holds one or more Fernet keys separated by commas: the first encrypts,
all of them decrypt, so a new key can be put first while old rows are still readable.
DATA_HASH_KEY keys an HMAC-SHA256 of the normalised number, stored next to the ciphertext
for uniqueness checks and lookups. Production must set both, and DATA_HASH_KEY must be at
least 32 characters (ID numbers are few enough to guess through a weak key). Elsewhere they
are generated once into the instance folder (data-encryption-key, data-hash-key, mode 0600)
and reused: deleting those files makes the data encrypted with them unreadable.
"""
import hashlib
import hmac
import os
import secrets
import tempfile
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

from .numbers import normalise

ENCRYPTION_KEY = "DATA_ENCRYPTION_KEY"
HASH_KEY = "DATA_HASH_KEY"
ENCRYPTION_KEY_FILE = "data-encryption-key"
HASH_KEY_FILE = "data-hash-key"
MIN_HASH_KEY_LENGTH = 32


@dataclass(frozen=True)
class _Keys:
    fernet: MultiFernet
    hash_key: bytes

    def __repr__(self) -> str:
        return "_Keys(...)"


def init_app(app) -> None:
    """Load the keys from app.config, or in development from instance/, into app.extensions."""
    encryption = _configured_or_generated(app, ENCRYPTION_KEY, ENCRYPTION_KEY_FILE,
                                          lambda: Fernet.generate_key().decode("ascii"))
    hashing = _configured_or_generated(app, HASH_KEY, HASH_KEY_FILE,
                                       lambda: secrets.token_urlsafe(32))
    production = app.config.get("APP_ENV") == "production"
    app.extensions["crypto"] = _Keys(fernet=_fernet(encryption), hash_key=_hash_key(hashing, production))


def encrypt(text: str) -> str:
    """Encrypt with the first key; a new random IV each time, so equal texts differ."""
    return _keys().fernet.encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Decrypt with any configured key; RuntimeError if the token is damaged or the key is gone."""
    try:
        return _keys().fernet.decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise RuntimeError(
            f"A stored value could not be decrypted: it is damaged, or was encrypted with a key "
            f"that is no longer in {ENCRYPTION_KEY}."
        ) from error


def lookup_hash(text: str) -> str:
    """Hex HMAC-SHA256 of the normalised text, the same for the same number however typed."""
    return hmac.new(_keys().hash_key, normalise(text).encode("utf-8"), hashlib.sha256).hexdigest()


def _keys() -> _Keys:
    keys = current_app.extensions.get("crypto")
    if keys is None:
        raise RuntimeError("crypto.init_app(app) has not been called for this app")
    return keys


def _configured_or_generated(app, name: str, filename: str, generate) -> str:
    value = (app.config.get(name) or "").strip()
    if value:
        return value
    if app.config.get("APP_ENV") == "production":
        raise RuntimeError(f"{name} must be set when APP_ENV=production")
    return _dev_key_file(app.instance_path, filename, generate)


def _dev_key_file(folder: str, filename: str, generate) -> str:
    """Read instance/<filename>, creating it (mode 0600) on first use.

    The key is written to a private temporary file and then linked into place, so two
    processes starting at once agree on one key and no one ever reads a half-written file.
    """
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, filename)
    if not os.path.exists(path):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{filename}-")  # mode 0600
        try:
            with os.fdopen(handle, "w", encoding="ascii") as file:
                file.write(generate() + "\n")
                file.flush()
                os.fsync(file.fileno())
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another process made it first: use theirs
        finally:
            os.unlink(temporary)
    with open(path, encoding="ascii") as file:
        value = file.read().strip()
    if not value:
        raise RuntimeError(f"{path} is empty: delete it to make a new development key")
    return value


def _fernet(value: str) -> MultiFernet:
    keys = [key.strip() for key in value.split(",") if key.strip()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:  # never echo the key itself
        raise RuntimeError(
            f"{ENCRYPTION_KEY} must be one or more Fernet keys (32 url-safe base64-encoded bytes, "
            f"from Fernet.generate_key()), separated by commas"
        ) from None


def _hash_key(value: str, production: bool) -> bytes:
    """The HMAC key guards a small space of ID numbers, so production needs a long one."""
    if production and len(value) < MIN_HASH_KEY_LENGTH:
        raise RuntimeError(f"{HASH_KEY} must be at least {MIN_HASH_KEY_LENGTH} characters long")
    return value.encode("utf-8")
