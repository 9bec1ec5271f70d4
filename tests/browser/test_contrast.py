"""All text at least 7:1 against its background (WCAG 1.4.6, AAA) in the standard view too.

The axe crawl (test_axe_crawl) runs axe's AAA rule color-contrast-enhanced on every page in
Chinese, English and care mode (conftest.AXE_OPTIONS); the first test here checks that axe really
runs that rule and finds nothing on the busiest pages. axe skips what it cannot see: placeholder
text and disabled controls, so the second test measures those in the browser; the third checks
the palette itself (static/css/app.css custom properties) against every background it is used on.
"""
import re
from pathlib import Path

import pytest

from .conftest import AXE_OPTIONS, AXE_SOURCE, sign_in
from .journeys import MODES

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "app.css"
AAA = 7.0


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def _luminance(rgb: tuple[float, float, float]) -> float:
    red, green, blue = (_channel(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple, other: tuple) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _hex(value: str) -> tuple[int, int, int]:
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def _css_rgb(value: str) -> tuple[float, float, float]:
    """rgb(…) / rgba(…) as Chromium reports it; an alpha below 1 would need the backdrop."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    assert len(numbers) == 3 or numbers[3] == 1, f"{value}: translucent text, contrast depends on the backdrop"
    return tuple(numbers[:3])


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["zh_CN", "care"])
@pytest.mark.parametrize("path", ["/", "/training", "/me", "/me/profile", "/auth/login"])
def test_axe_runs_the_aaa_contrast_rule_and_finds_nothing(context, live_server, mode, path):
    lang, care, _html_lang = MODES[mode]
    page = context(locale=lang, care=care).new_page()
    if path.startswith("/me"):
        sign_in(page, live_server, "13800000001")
    page.goto(f"{live_server}{path}")
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    passed = [rule for rule in result["passes"] if rule["id"] == "color-contrast-enhanced"]
    assert passed and passed[0]["nodes"], f"{path}: axe did not run color-contrast-enhanced on any text"
    failed = [f"{' '.join(node['target'])}: {node['any'][0]['message'] if node['any'] else ''}"
              for rule in result["violations"] if rule["id"] == "color-contrast-enhanced"
              for node in rule["nodes"]]
    assert not failed, f"{path} ({mode}): text below 7:1:\n" + "\n".join(failed)


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["zh_CN", "care"])
def test_placeholder_and_disabled_text_reach_7_to_1(context, live_server, mode):
    lang, care, _html_lang = MODES[mode]
    page = context(locale=lang, care=care).new_page()
    page.goto(f"{live_server}/auth/login")
    colours = page.evaluate("""() => {
        const input = document.querySelector("main .field__input");
        const button = document.querySelector("main form button[type=submit]");
        const placeholder = getComputedStyle(input, "::placeholder");
        const shown = {placeholder: [placeholder.color, getComputedStyle(input).backgroundColor]};
        input.disabled = true;
        button.disabled = true;
        document.getAnimations().forEach(a => a.finish());  // .btn's background transition
        shown.disabled_input = [getComputedStyle(input).color, getComputedStyle(input).backgroundColor];
        shown.disabled_button = [getComputedStyle(button).color, getComputedStyle(button).backgroundColor];
        return shown;
    }""")
    for what, (text, background) in colours.items():
        ratio = contrast(_css_rgb(text), _css_rgb(background))
        assert ratio >= AAA, f"{what} ({mode}): {text} on {background} is {ratio:.2f}:1, below 7:1"


def _palette(selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r"\{([^}]*)\}", CSS.read_text(encoding="utf-8")).group(1)
    return dict(re.findall(r"--([\w-]+):(#[0-9A-Fa-f]{3,6})", block))


# The backgrounds text sits on: panels and cells, the page, quotes, the flash and fit boxes.
BACKGROUNDS = ["#fff", "bg", "#F5F5F5", "#E6F4EC", "#FCEBEB", "#E7F0FA", "#FFF8E6"]
TEXT = ["fg", "sub", "ln", "brt", "er", "erd", "wn"]
WHITE_ON = ["br", "er"]  # primary and warning buttons, the current page, badges


@pytest.mark.parametrize("selector", [":root", "html.care"])
def test_every_text_colour_of_the_palette_reaches_7_to_1(selector):
    colours = {**_palette(":root"), **_palette(selector)}
    low = []
    for name in TEXT:
        for background in BACKGROUNDS:
            back = colours[background] if background in colours else background
            ratio = contrast(_hex(colours[name]), _hex(back))
            if ratio < AAA:
                low.append(f"--{name} {colours[name]} on {background}: {ratio:.2f}:1")
    for name in WHITE_ON:
        ratio = contrast((255, 255, 255), _hex(colours[name]))
        if ratio < AAA:
            low.append(f"white on --{name} {colours[name]}: {ratio:.2f}:1")
    assert not low, f"{selector}: text colours below 7:1:\n" + "\n".join(low)
