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

  // After htmx swaps in new content, move focus to its heading so screen readers follow.
  document.addEventListener("htmx:afterSwap", function (ev) {
    var target = ev.detail.target.querySelector("[data-focus-after-swap]");
    if (target) { target.focus(); }
  });
})();
