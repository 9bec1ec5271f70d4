/* Service worker. The shell (CSS, htmx, app.js, icons, the offline pages) is kept from the first
   visit, under a version that changes with each release. Pages go to the network first; those the
   server marks X-Offline-Keep are kept for reading offline, a signed-in person's apart (PERSONAL),
   all thrown away as soon as a page arrives for someone else or for nobody (webapp/pwa/offline.py).
   Offline: a kept page with its "saved at" line, else the offline page that says why. */
"use strict";
var CACHE = "yq-__VERSION__";
var PERSONAL = "yq-personal";
var OWNER = "/sw-owner";  // the owner mark of what PERSONAL holds
var NOBODY = "-";
var SHELL = __SHELL__;
var OFFLINE = "__OFFLINE__";

self.addEventListener("install", function (event) {
  // Without cookies: the shell never carries anybody's name or notices.
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(function (url) { return new Request(url, { credentials: "omit" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The personal cache for this owner: emptied first if it held someone else's pages.
function personalFor(owner) {
  return caches.match(OWNER, { cacheName: PERSONAL }).then(function (hit) {
    return hit ? hit.text() : NOBODY;
  }).then(function (known) {
    if (known === owner) { return owner === NOBODY ? null : caches.open(PERSONAL); }
    return caches.delete(PERSONAL).then(function () {
      return owner === NOBODY ? null : caches.open(PERSONAL).then(function (cache) {
        return cache.put(OWNER, new Response(owner)).then(function () { return cache; });
      });
    });
  });
}

// Before the page is shown: drop someone else's pages. Then keep this one while it is read.
function keep(event, request, response) {
  var owner = response.headers.get("X-Offline-Owner");
  if (!owner) { return Promise.resolve(); }  // a redirect or not a page: says nothing
  var copy = response.ok && response.headers.get("X-Offline-Keep") ? response.clone() : null;
  return personalFor(owner).then(function (personal) {
    if (!copy) { return; }
    event.waitUntil((personal ? Promise.resolve(personal) : caches.open(CACHE)).then(function (cache) {
      return cache.put(request, copy);
    }).catch(function () {}));
  });
}

// A kept page as served offline: its hidden "Offline — saved at …" line shown.
function labelled(response) {
  var headers = new Headers(response.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  return response.text().then(function (html) {
    return new Response(html.replace("data-offline-note hidden", "data-offline-note"),
      { status: response.status, statusText: response.statusText, headers: headers });
  });
}

function offline(request, url) {
  var page = function (reason) {
    return caches.match(OFFLINE + (reason ? "?for=" + reason : ""), { cacheName: CACHE })
      .then(function (hit) { return hit || Response.error(); });
  };
  if (request.method !== "GET") { return page("form"); }  // nothing was sent
  return caches.match(request, { cacheName: PERSONAL })
    .then(function (hit) { return hit || caches.match(request, { cacheName: CACHE }); })
    .then(function (hit) {
      if (hit) { return labelled(hit); }
      // Never another address's answer for a search: say there is none saved.
      var searched = Array.from(url.searchParams.keys()).some(function (k) { return k !== "lang" && k !== "care"; });
      return page(searched ? "search" : "");
    });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      return keep(event, request, response).catch(function () {}).then(function () { return response; });
    }, function () { return offline(request, url); }));
    return;
  }
  if (request.method === "GET" && url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then(function (hit) {
      return hit || fetch(request);
    }));
  }
});

// The page a first visit opened came before the worker: app.js asks for it to be kept too.
self.addEventListener("message", function (event) {
  var url = event.data && event.data.keep ? new URL(event.data.keep, self.location.href) : null;
  if (!url || url.origin !== self.location.origin) { return; }
  var request = new Request(url.href, { credentials: "same-origin" });
  event.waitUntil(fetch(request).then(function (response) {
    return response.redirected ? null : keep(event, request, response);
  }).catch(function () {}));
});
