import pytest

from webapp.config import config_for_environment


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config_for_environment()


def test_production_takes_the_secret_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    config = config_for_environment()
    assert config.SECRET_KEY == "from-the-environment" and config.SESSION_COOKIE_SECURE


def test_development_makes_its_own_key_and_shows_sms_codes(monkeypatch):
    monkeypatch.setenv("APP_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = config_for_environment()
    assert len(config.SECRET_KEY) > 40 and config.SMS_SHOW_CODE and config.APP_ENV == "development"


def test_without_app_env_it_is_production_and_refuses_to_start_without_its_keys(monkeypatch):
    """A deployment that forgets APP_ENV must not show SMS codes to anyone."""
    monkeypatch.delenv("APP_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config_for_environment()
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    config = config_for_environment()
    assert config.APP_ENV == "production" and not config.SMS_SHOW_CODE


def test_an_unknown_environment_is_refused(monkeypatch):
    monkeypatch.setenv("APP_ENV", "staging")
    with pytest.raises(RuntimeError, match="APP_ENV"):
        config_for_environment()
