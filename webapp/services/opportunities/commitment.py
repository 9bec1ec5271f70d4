"""The sealed seed of a stall draw: made by the server when the opening is published, kept secret
until the draw, and fixed in public beforehand by its commitment (the SHA-256 of the seed), so
nobody can change it later without everyone seeing."""
import hashlib
import secrets


def commitment_of(seed: str) -> str:
    """The public fingerprint of a seed: SHA-256 of its text, in hexadecimal."""
    return hashlib.sha256(seed.encode()).hexdigest()


def sealed_seed() -> dict[str, str]:
    """A new secret seed (64 hexadecimal characters) with its commitment, as column values."""
    seed = secrets.token_hex(32)
    return {"draw_seed": seed, "draw_commitment": commitment_of(seed)}
