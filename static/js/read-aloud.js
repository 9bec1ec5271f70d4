/* 朗读本页: reads the page's <main> aloud with the browser's speech synthesis, one sentence at a time,
   in reading order, and highlights the sentence being read.

   app.js shows the button (partials/read_aloud.html) only where the browser can speak and fetches
   this file on the first press, which it then carries out: pages never read aloud carry none of it
   (the first-visit budget, tests/web/test_page_weight.py). Every word shown or announced comes from
   the button's data attributes, translated by the template.

   The page's DOM is left as it was: the sentence is marked with the CSS Custom Highlight API (a
   Range, no wrapping element), its block (paragraph, list item, cell …) with a class removed on
   stop. Focus never moves; each change of state is announced in the polite live region beside the
   button, so a screen reader is never talked over unasked. Escape on the buttons stops. */
(function () {
  "use strict";
  var synth = window.speechSynthesis, main = document.getElementById("main");
  var button = document.querySelector("[data-aloud]"), status = button.nextElementSibling;
  var words = (button.getAttribute("data-words") || "").split("|");
  var word = function (name) { return words[["pause", "resume", "stop", "reading", "paused", "ended"].indexOf(name)]; };
  var label = button.textContent, stop = document.createElement("button");
  stop.type = "button";
  stop.className = button.className;
  stop.textContent = word("stop");
  stop.hidden = true;
  button.after(stop);

  // Never read: form controls and forms (the page's content, not what is typed), what is hidden or
  // there only for screen readers, and whatever a template marks data-aloud-skip.
  var SKIP = "form,button,select,textarea,script,style,template,noscript,svg,[aria-hidden=true],.visually-hidden," +
    "[data-aloud-skip]";
  // A sentence ends at 。！？!? or a full stop not inside a number (3.5), with any closing quotes or
  // brackets; and at a line break.
  var END = /(?:[。！？!?]+|\.(?!\d))+["'”’」』）)\]]*|\n/g;
  var HIGHLIGHT = window.Highlight && window.CSS && CSS.highlights;
  var CURRENT = "aloud-now";

  var state = "idle", sentences = [], at = 0, run = 0, dropped = false, marked = null;

  // The page's text as blocks in reading order: each block is the nearest element laid out as a
  // block (display not inline…), so a link inside a sentence stays in it and a list item or table
  // cell is a unit of its own.
  var shown = new Map(), blocks = new Map();
  function visible(el) {
    if (!shown.has(el)) {
      shown.set(el, el === main || (el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" &&
        !el.closest(SKIP)));
    }
    return shown.get(el);
  }
  function blockOf(el) {
    if (!blocks.has(el)) {
      blocks.set(el, el === main || !/^inline/.test(getComputedStyle(el).display) ? el : blockOf(el.parentElement));
    }
    return blocks.get(el);
  }
  function units() {
    var list = [], unit = null, walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT), node;
    shown.clear();
    blocks.clear();
    while ((node = walk.nextNode())) {
      var el = node.parentElement;
      if (!/\S/.test(node.data) || !visible(el)) { continue; }
      var block = blockOf(el);
      if (!unit || unit.block !== block) {
        unit = { block: block, text: "", nodes: [], lang: (el.closest("[lang]") || document.documentElement).lang };
        list.push(unit);
      } else if (node.previousSibling && node.previousSibling.nodeName === "BR") {
        unit.text += "\n";
      }
      unit.nodes.push({ node: node, at: unit.text.length });
      // A line end in the source is a space on the screen, unless the text keeps its lines (pre…).
      unit.text += /^pre/.test(getComputedStyle(el).whiteSpace) ? node.data : node.data.replace(/\n/g, " ");
    }
    return list;
  }

  // Where a character of a unit's text lies: its text node and the offset in it.
  function point(unit, index, end) {
    for (var i = unit.nodes.length - 1; i >= 0; i--) {
      var piece = unit.nodes[i];
      if (end ? piece.at < index : piece.at <= index) { return [piece.node, index - piece.at]; }
    }
    return [unit.nodes[0].node, 0];
  }

  function split(list) {
    var out = [];
    list.forEach(function (unit) {
      var text = unit.text, from = 0, match;
      var add = function (to) {
        var part = text.slice(from, to), lead = part.length - part.replace(/^\s+/, "").length;
        var say = part.replace(/\s+/g, " ").trim();
        if (/[\p{L}\p{N}]/u.test(say)) {  // not a separator such as "·" on its own
          var range = document.createRange(), start = point(unit, from + lead), stopAt = point(unit, from + part.trimEnd().length, true);
          range.setStart(start[0], start[1]);
          range.setEnd(stopAt[0], stopAt[1]);
          out.push({ text: say, lang: unit.lang, block: unit.block, range: range });
        }
        from = to;
      };
      END.lastIndex = 0;
      while ((match = END.exec(text))) { add(match.index + match[0].length); }
      add(text.length);
    });
    return out;
  }

  // A voice for the language: the exact one (zh-CN), else any of the language (zh-…), the
  // device's default first; none found, the browser picks by the utterance's lang.
  function voice(lang) {
    var wanted = lang.toLowerCase(), base = wanted.split("-")[0], found = null;
    synth.getVoices().forEach(function (v) {
      var has = (v.lang || "").replace(/_/g, "-").toLowerCase().replace(/^cmn\b/, "zh");  // Android: zh_CN, cmn-CN
      var score = has.indexOf(wanted) === 0 ? 3 : has.split("-")[0] === base ? (v["default"] ? 2 : 1) : 0;
      if (score > (found ? found.score : 0)) { found = { voice: v, score: score }; }
    });
    return found && found.voice;
  }

  function mark(sentence) {
    unmark();
    marked = { block: sentence.block, hadClass: sentence.block.hasAttribute("class") };
    sentence.block.classList.add(CURRENT);
    if (HIGHLIGHT) { CSS.highlights.set("aloud", new Highlight(sentence.range)); }
    sentence.block.scrollIntoView({ block: "nearest" });
  }
  function unmark() {
    if (HIGHLIGHT) { CSS.highlights["delete"]("aloud"); }
    if (!marked) { return; }
    marked.block.classList.remove(CURRENT);
    if (!marked.hadClass && !marked.block.classList.length) { marked.block.removeAttribute("class"); }
    marked = null;
  }

  function show(next, said) {
    state = next;
    button.textContent = next === "playing" ? word("pause") : next === "paused" ? word("resume") : label;
    // The stop button stays while it has focus (it is then inert), so focus is never lost.
    stop.hidden = next === "idle" && document.activeElement !== stop;
    if (next === "idle") { stop.setAttribute("aria-disabled", "true"); } else { stop.removeAttribute("aria-disabled"); }
    status.textContent = said;
  }

  function speak() {
    var sentence = sentences[at], mine = run;
    if (!sentence) { finish(); return; }
    var utterance = new SpeechSynthesisUtterance(sentence.text), v = voice(sentence.lang);
    utterance.lang = sentence.lang;
    if (v) { utterance.voice = v; }
    utterance.onstart = function () { if (mine === run) { mark(sentence); } };
    utterance.onend = function () {
      if (mine !== run) { return; }
      // Some engines (Android) end the sentence on pause instead of holding it: say it again on resume.
      if (state === "paused") { dropped = true; return; }
      at += 1;
      speak();
    };
    utterance.onerror = function (event) {
      if (mine === run && event.error !== "interrupted" && event.error !== "canceled") { finish(); }
    };
    synth.speak(utterance);
  }

  function start() {
    sentences = split(units());
    at = 0;
    run += 1;
    dropped = false;
    synth.cancel();
    show("playing", word("reading"));
    speak();
  }
  function finish() {
    run += 1;
    synth.cancel();
    unmark();
    show("idle", word("ended"));
  }

  button.addEventListener("click", function () {
    if (state === "idle") {
      start();
    } else if (state === "playing") {
      show("paused", word("paused"));  // first: an engine may end the sentence inside pause()
      synth.pause();
    } else {
      show("playing", word("reading"));
      if (dropped || !synth.speaking) { dropped = false; speak(); } else { synth.resume(); }
    }
  });
  stop.addEventListener("click", function () { if (state !== "idle") { finish(); } });
  stop.addEventListener("blur", function () { if (state === "idle") { stop.hidden = true; } });
  [button, stop].forEach(function (el) {
    el.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && state !== "idle") { event.preventDefault(); finish(); }
    });
  });
  // Leaving the page, or htmx replacing part of it: stop first, so the marks go with the reading.
  window.addEventListener("pagehide", function () { if (state !== "idle") { finish(); } });
  document.addEventListener("htmx:beforeSwap", function () { if (state !== "idle") { finish(); } });

  // The highlight's style travels with this script, so that pages never read aloud carry none of it.
  // CSSOM rules are not inline styles: the strict style-src allows them. Text keeps 7:1 or more on
  // the highlight (#111 on #FFE14D is 14:1); the block gets a dashed outline, unlike the focus ring.
  var sheet = document.querySelector("link[rel=stylesheet]").sheet;
  ["." + CURRENT + "{outline:3px dashed #7A5A00;outline-offset:2px;scroll-margin:128px 0 96px}",
   "::highlight(aloud){background-color:#FFE14D;color:#111}"].forEach(function (rule) {
    try { sheet.insertRule(rule, sheet.cssRules.length); } catch (e) {}  // no ::highlight in this browser
  });

  start();  // this file is fetched by the first press
})();
