/* Small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Offline support: a service worker at the site root (sw.js) keeps the shell and some pages.
  var sw = navigator.serviceWorker;
  if (sw && window.isSecureContext) {
    window.addEventListener("load", function () {
      var first = !sw.controller;
      sw.register("/sw.js").then(function () { return sw.ready; }).then(function (reg) {
        // A first visit's page came before the worker: ask it to keep this one too.
        if (first && reg.active && document.querySelector("[data-offline-note]")) {
          reg.active.postMessage({ keep: location.href });
        }
      }).catch(function () {});
    });
  }

  // A form that could not be sent (offline): keep what was typed in this tab and put it back
  // when the same page is shown again. Never passwords, codes, ID numbers or files: only fields
  // without autocomplete off / one-time-code / *password and not inside [data-sensitive].
  var KEPT = "yq-kept-form", store = null, kept = null, here = location.pathname + location.search;
  try { store = window.sessionStorage; kept = JSON.parse(store.getItem(KEPT)); } catch (e) { kept = null; }
  var keepable = function (el) {
    return el.name && !el.disabled && !el.closest("[data-sensitive]") &&
      !/off|password|one-time-code|hidden|file|submit|button|reset/.test((el.getAttribute("autocomplete") || "") + " " + el.type);
  };
  var checkable = function (el) { return el.type === "checkbox" || el.type === "radio"; };
  document.addEventListener("submit", function (ev) {
    var form = ev.target, out = /\/auth\/logout$/.test(form.action);
    if (out) {  // signing out: forget this person's pages and anything they typed
      if (window.caches) { caches.delete("yq-personal"); }
      if (store) { store.removeItem(KEPT); }
    }
    if (!store || form.method !== "post" || out) { return; }
    var fields = Array.prototype.filter.call(form.elements, keepable).map(function (el) {
      return [el.name, el.value, checkable(el) ? el.checked : null];
    });
    try { store.setItem(KEPT, JSON.stringify({ page: here, action: form.action, fields: fields, at: Date.now() })); } catch (e) {}
  });
  var offlinePage = document.querySelector("[data-offline-page]");
  if (kept && offlinePage) {  // offline: hold it; after a failed post, offer the way back
    if (offlinePage.getAttribute("data-offline-page") === "form") {
      kept.held = true;
      store.setItem(KEPT, JSON.stringify(kept));
      var back = document.querySelector("[data-back-to-form]");
      if (back) { back.href = kept.page; back.hidden = false; }
    }
  } else if (kept && (!kept.held || kept.page === here || Date.now() - kept.at > 864e5)) {
    // The server answered the form, or the form is shown again (put back what was typed), or too old.
    store.removeItem(KEPT);
    var again = kept.held && kept.page === here && Date.now() - kept.at < 864e5 &&
      Array.prototype.filter.call(document.forms, function (f) { return f.action === kept.action; })[0];
    Array.prototype.filter.call(again ? again.elements : [], keepable).forEach(function (el) {
      var mine = kept.fields.filter(function (f) { return f[0] === el.name; });
      if (!mine.length) { return; }
      if (checkable(el)) {
        el.checked = mine.some(function (f) { return f[1] === el.value && f[2]; });
      } else {
        el.value = mine[0][1];
        kept.fields.splice(kept.fields.indexOf(mine[0]), 1);
      }
    });
  }

  window.addEventListener("pageshow", function (ev) {  // back to the form from the cache: it still holds the text
    if (!ev.persisted || !store || offlinePage) { return; }
    try { if (JSON.parse(store.getItem(KEPT)).page === here) { store.removeItem(KEPT); } } catch (e) {}
  });

  // Offline, a filter htmx could not fetch: open its address as a page, so that the worker shows
  // the saved answer ("saved at …") or says there is none, never the old list as if filtered.
  document.addEventListener("htmx:sendError", function (ev) {
    var info = ev.detail.pathInfo, config = ev.detail.requestConfig;
    if (sw && sw.controller && info && config && config.verb === "get") { location.assign(info.finalRequestPath); }
  });

  // Staff idle warning: after N quiet seconds show the warning and move focus to it.
  var body = document.body, box = document.getElementById("idle-warning");
  var seconds = parseInt(body.getAttribute("data-idle-warning") || "0", 10);
  if (box && seconds > 0) {
    var timer;
    var arm = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        box.hidden = false;
        box.querySelector("h2").focus();
      }, seconds * 1000);
    };
    box.querySelector("[data-keepalive]").addEventListener("click", function (ev) {
      fetch(ev.currentTarget.getAttribute("data-keepalive"), { credentials: "same-origin" })
        .then(function () { box.hidden = true; arm(); });
    });
    arm();
  }

  // Photo uploads: show progress while the file is sent (the form works without this).
  var status = document.getElementById("upload-status");
  Array.prototype.forEach.call(document.querySelectorAll("form[data-upload]"), function (form) {
    form.addEventListener("submit", function (ev) {
      var input = form.querySelector("input[type=file]");
      if (!window.FormData || !input || !input.files.length) { return; }
      ev.preventDefault();
      var bar = form.querySelector("progress"), xhr = new XMLHttpRequest();
      bar.hidden = false;
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var pct = Math.round(e.loaded * 100 / e.total);
        bar.value = pct;
        if (status && pct % 25 === 0) { status.textContent = pct + "%"; }
      });
      xhr.addEventListener("load", function () {
        // Show the page the server answered with (it carries the "uploaded" message or the error).
        if (xhr.status < 400 && xhr.responseURL) { history.replaceState(null, "", xhr.responseURL); }
        document.open(); document.write(xhr.responseText); document.close();
      });
      xhr.addEventListener("error", function () { form.submit(); });
      xhr.open("POST", form.action);
      xhr.send(new FormData(form));
    });
  });

  var aloud = document.querySelector("[data-aloud]");
  if (aloud && "speechSynthesis" in window) {
    aloud.hidden = false;
    aloud.addEventListener("click", function () {
      document.head.appendChild(document.createElement("script")).src = aloud.getAttribute("data-aloud");
    }, { once: true });
  }

  // After htmx swaps in new content, move focus to its heading so screen readers follow.
  // Not after a filter change: focus stays on the control being used (WCAG 3.2.2); the live
  // region announces the new count instead.
  document.addEventListener("htmx:afterSwap", function (ev) {
    var cause = ev.detail.requestConfig && ev.detail.requestConfig.triggeringEvent;
    if (cause && cause.type === "change") { return; }
    var target = ev.detail.target.querySelector("[data-focus-after-swap]");
    if (target) { target.focus(); }
  });
})();
