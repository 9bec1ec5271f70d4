/* Small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Offline support: a service worker at the site root (sw.js) caches the shell.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    });
  }

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
