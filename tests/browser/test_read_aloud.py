"""朗读本页: the read-aloud control, driven in Chromium with a recording stand-in for speech synthesis.

Headless Chromium may have no voices, so an init script replaces `speechSynthesis` with one that
records every call and utterance and fires onstart (and onboundary) itself; a sentence ends only
when the test says so (window.__speech.finish()), so every step is observed, never timed.

What is read is compared with the browser's own layout of <main>: its innerText (line ends where the
browser breaks lines, tabs between table cells) without forms, buttons and screen-reader-only
text, split into sentences at 。！？.!? and at line ends.
"""
import re

import pytest

from .conftest import axe_violations
from .journeys import active

FAKE_SPEECH = """(() => {
  const record = { calls: [], spoken: [], csp: [] };
  window.__speech = record;
  document.addEventListener("securitypolicyviolation",
    (e) => record.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  const voices = [
    { name: "Fake English", lang: "en-US", default: true, localService: true, voiceURI: "en" },
    { name: "Fake Cantonese", lang: "zh-HK", default: false, localService: true, voiceURI: "yue" },
    { name: "Fake Mandarin", lang: "zh-CN", default: false, localService: true, voiceURI: "zh" },
  ];
  let queue = [], current = null;
  const fake = {
    speaking: false, paused: false, pending: false,
    getVoices: () => voices,
    speak(u) {
      record.calls.push("speak");
      record.spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
      queue.push(u);
      if (!current) { next(); }
    },
    cancel() {
      record.calls.push("cancel");
      const was = current;
      queue = []; current = null; fake.speaking = false; fake.paused = false;
      if (was && was.onerror) { setTimeout(() => was.onerror({ error: "interrupted" })); }
    },
    pause() {
      record.calls.push("pause"); fake.paused = true;
      // An engine that ends the sentence on pause instead of holding it (Android).
      if (record.pauseEnds && current) { const u = current; current = null; fake.speaking = false; u.onend({}); }
    },
    resume() { record.calls.push("resume"); fake.paused = false; },
    addEventListener() {}, removeEventListener() {},
  };
  function next() {
    current = queue.shift() || null;
    fake.speaking = !!current;
    const u = current;
    if (u) {
      setTimeout(() => {
        if (current !== u) { return; }
        if (u.onstart) { u.onstart({}); }
        if (u.onboundary) { u.onboundary({ name: "word", charIndex: 0 }); }
        record.started = (record.started || 0) + 1;
      });
    }
  }
  record.finish = () => {  // the current sentence has been said
    const u = current;
    if (!u) { return false; }
    current = null; fake.speaking = false;
    if (u.onend) { u.onend({}); }
    if (!current) { next(); }
    return true;
  };
  Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true, writable: true });
  window.SpeechSynthesisUtterance = function (text) {
    this.text = text; this.lang = ""; this.voice = null;
    this.onstart = this.onend = this.onerror = this.onboundary = null;
  };
})();"""

NO_SPEECH = """(() => {
  delete window.speechSynthesis; delete Window.prototype.speechSynthesis;
  delete window.SpeechSynthesisUtterance;
})();"""

# The sentence being read: the highlight's text and the block marked as being read.
HIGHLIGHTED = """() => {
  const found = CSS.highlights.get("aloud");
  const ranges = found ? Array.from(found) : [];
  const marked = document.querySelectorAll(".aloud-now");
  return { ranges: ranges.map((r) => r.toString().replace(/\\s+/g, " ").trim()),
           inside: ranges.length === 1 && marked.length === 1 && marked[0].contains(ranges[0].commonAncestorContainer),
           marked: marked.length };
}"""

ORACLE = """() => {
  const main = document.getElementById("main");
  main.querySelectorAll("form, button, select, textarea, script, style, template, noscript, svg, " +
                        "[aria-hidden=true], .visually-hidden").forEach((el) => el.remove());
  return main.innerText;
}"""

END = re.compile(r"(?:[。！？!?]+|\.(?!\d))+[\"'”’」』）)\]]*|[\n\t]")


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in END.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    parts.append(text[start:])
    return [said for said in (" ".join(part.split()) for part in parts) if re.search(r"\w", said)]


def course_path(page, live_server) -> str:
    page.goto(f"{live_server}/training")
    return page.locator("main a[href^='/training/']").first.get_attribute("href")


@pytest.fixture
def watched(context):
    """watched(locale=...) -> (page, problems): a page with the stand-in speech synthesis, whose
    console errors, page errors and CSP violations are collected."""
    made = []

    def make(locale="zh_CN", care=False, script=FAKE_SPEECH):
        page = context(locale=locale, care=care).new_page()
        page.add_init_script(script)
        problems = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        made.append((page, problems))
        return page, problems

    yield make
    for page, problems in made:
        if page.evaluate("() => !!window.__speech"):
            problems.extend(f"CSP: {v}" for v in page.evaluate("() => window.__speech.csp"))
        assert not problems, "\n".join(problems)


def control(page):
    return page.locator("button[data-aloud]")


def words(page) -> dict:
    return page.evaluate("""() => {
        const b = document.querySelector("button[data-aloud]");
        const [pause, resume, stop, reading, paused, ended] = b.dataset.words.split("|");
        return { start: b.textContent, pause, resume, stop, reading, paused, ended };
    }""")


def status(page) -> str:
    return page.locator("button[data-aloud] + button + [role=status]").text_content()


def wait_started(page, count: int) -> None:
    page.wait_for_function("n => (window.__speech.started || 0) >= n", arg=count)


@pytest.mark.browser
def test_the_control_is_hidden_where_the_browser_cannot_speak(watched, live_server):
    page, _problems = watched(script=NO_SPEECH)
    page.goto(f"{live_server}/")
    assert page.evaluate("() => 'speechSynthesis' in window") is False
    assert control(page).count() == 1 and control(page).is_hidden()
    assert page.locator("script[src*='read-aloud']").count() == 0

    page, _problems = watched()
    page.goto(f"{live_server}/")
    assert control(page).is_visible()
    assert page.locator("script[src*='read-aloud']").count() == 0, "the code comes on the first press only"


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "lang", "voice"), [("zh_CN", "zh-CN", "Fake Mandarin"),
                                                       ("en", "en", "Fake English")])
@pytest.mark.parametrize("where", ["home", "course"])
def test_it_reads_the_main_content_in_order_highlighting_each_sentence(watched, context, live_server, locale,
                                                                       lang, voice, where):
    page, _problems = watched(locale=locale)
    path = "/" if where == "home" else course_path(page, live_server)
    page.goto(f"{live_server}{path}")
    before = page.evaluate("() => document.getElementById('main').innerHTML")

    oracle_page = context(locale=locale).new_page()
    oracle_page.goto(f"{live_server}{path}")
    expected = sentences(oracle_page.evaluate(ORACLE))
    assert len(expected) >= 5, expected

    said = words(page)
    control(page).click()
    assert page.locator("script[src*='/static/js/read-aloud.']").count() == 1  # the hashed name
    for number, sentence in enumerate(expected, start=1):
        wait_started(page, number)
        spoken = page.evaluate("() => window.__speech.spoken")
        assert spoken[-1] == {"text": sentence, "lang": lang, "voice": voice}, (number, spoken[-1])
        shown = page.evaluate(HIGHLIGHTED)
        assert shown["ranges"] == [sentence] and shown["inside"], (number, shown)
        assert control(page).text_content() == said["pause"] and status(page) == said["reading"]
        page.evaluate("() => window.__speech.finish()")

    page.wait_for_function("() => !document.querySelector('.aloud-now')")
    assert [s["text"] for s in page.evaluate("() => window.__speech.spoken")] == expected
    assert status(page) == said["ended"] and control(page).text_content() == said["start"]
    assert page.evaluate(HIGHLIGHTED) == {"ranges": [], "inside": False, "marked": 0}
    assert page.evaluate("() => document.getElementById('main').innerHTML") == before


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_pause_resume_stop_and_escape_by_keyboard_keep_focus_where_it_was(watched, live_server, locale):
    page, _problems = watched(locale=locale)
    page.goto(f"{live_server}/")
    before = page.evaluate("() => document.getElementById('main').innerHTML")
    said = words(page)
    if locale == "en":
        assert said == {"start": "Read this page aloud", "pause": "Pause", "resume": "Resume", "stop": "Stop",
                        "reading": "Reading aloud", "paused": "Paused", "ended": "Reading ended"}
    calls = lambda: page.evaluate("() => window.__speech.calls")  # noqa: E731
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('button[data-aloud]')"):
            break
    else:
        pytest.fail("Tab never reached the read-aloud button")

    page.keyboard.press("Enter")
    wait_started(page, 1)
    assert active(page)["text"] == said["pause"] and status(page) == said["reading"]
    page.keyboard.press("Space")
    assert calls()[-1] == "pause" and status(page) == said["paused"]
    assert active(page)["text"] == said["resume"]
    page.keyboard.press("Enter")
    assert calls()[-1] == "resume" and status(page) == said["reading"]
    assert active(page)["text"] == said["pause"]
    page.evaluate("() => window.__speech.finish()")
    wait_started(page, 2)

    # Stop: cancels, restores the page, and the stop button keeps focus until it is left.
    page.keyboard.press("Tab")
    assert active(page)["text"] == said["stop"]
    page.keyboard.press("Enter")
    assert calls()[-1] == "cancel" and status(page) == said["ended"]
    assert active(page)["text"] == said["stop"]
    assert page.evaluate("() => document.getElementById('main').innerHTML") == before
    page.keyboard.press("Enter")  # stopped already: nothing happens
    assert calls()[-1] == "cancel"
    page.keyboard.press("Shift+Tab")
    assert active(page)["text"] == said["start"]
    assert page.locator("button[data-aloud] + button").is_hidden()

    # Escape inside the control stops; focus stays on the button that was pressed.
    page.keyboard.press("Enter")
    wait_started(page, 3)
    assert page.evaluate("() => window.__speech.spoken.at(-1).text") == page.evaluate("() => window.__speech.spoken[0].text")
    page.keyboard.press("Escape")
    assert calls()[-1] == "cancel" and status(page) == said["ended"]
    assert active(page)["text"] == said["start"]
    assert page.evaluate("() => document.getElementById('main').innerHTML") == before


@pytest.mark.browser
def test_an_engine_that_drops_the_sentence_on_pause_says_it_again_on_resume(watched, live_server):
    page, _problems = watched()
    page.goto(f"{live_server}/")
    page.evaluate("() => { window.__speech.pauseEnds = true; }")
    control(page).click()
    wait_started(page, 1)
    control(page).click()  # pause
    control(page).click()  # resume
    wait_started(page, 2)
    spoken = page.evaluate("() => window.__speech.spoken.map((s) => s.text)")
    assert len(spoken) == 2 and spoken[0] == spoken[1]


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "care"), [("zh_CN", False), ("en", False), ("zh_CN", True), ("en", True)])
def test_the_page_passes_axe_while_being_read(watched, live_server, locale, care):
    page, _problems = watched(locale=locale, care=care)
    page.goto(f"{live_server}{course_path(page, live_server)}")
    control(page).click()
    wait_started(page, 1)
    page.evaluate("() => window.__speech.finish()")
    wait_started(page, 2)
    assert page.evaluate(HIGHLIGHTED)["inside"]
    assert axe_violations(page, f"reading aloud ({locale}, care {care})") == []
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Escape")  # focus is not in the control: Escape does nothing
    assert page.evaluate("() => document.querySelectorAll('.aloud-now').length") == 1
