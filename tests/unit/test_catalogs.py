"""zh_CN is the default and complete; every catalog's compiled .mo matches its .po.

Babel names zh_CN "zh_Hans_CN", so that is the catalog folder it looks up.
"""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "translations"
CHINESE = CATALOGS / "zh_Hans_CN/LC_MESSAGES"


def _po(folder: Path):
    with open(folder / "messages.po", "rb") as handle:
        return read_po(handle)


def _source_messages() -> set:
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords={"_": None, "gettext": None, "_l": None, "ngettext": (1, 2)}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_in_the_code_has_a_chinese_translation():
    catalog = _po(CHINESE)
    source = _source_messages()
    assert len(source) > 100  # the extraction really ran over templates and code
    missing = sorted(m for m in source if not (catalog.get(m) and all(
        catalog.get(m).string if isinstance(catalog.get(m).string, (list, tuple)) else [catalog.get(m).string])))
    assert not missing, f"run `make translations` and translate: {missing}"


def test_no_chinese_message_is_fuzzy_and_placeholders_match():
    catalog = _po(CHINESE)
    assert not [m.id for m in catalog if m.id and m.fuzzy]
    assert not [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]


def _entries(messages) -> dict:
    """{id: translation} for translated entries; plural ids and strings become tuples."""
    found = {}
    for m in messages:
        key = tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id
        value = tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string
        translated = (all(value) if isinstance(value, tuple) else bool(value)) and value != key
        # (pybabel compiles an untranslated plural as its own msgid: that is no translation)
        if key and translated and not getattr(m, "fuzzy", False):
            found[key] = value
    return found


@pytest.mark.parametrize("lang", ["zh_Hans_CN", "en"])
def test_compiled_catalog_matches_its_source(lang):
    folder = CATALOGS / lang / "LC_MESSAGES"
    po = _entries(_po(folder))
    with open(folder / "messages.mo", "rb") as handle:
        mo = _entries(read_mo(handle))
    assert mo == po, f"translations/{lang} is stale: run `make translations`"
