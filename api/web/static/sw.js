// Service worker: makes the scan station installable and keeps its shell (styles, scripts, icon)
// for a flaky warehouse network. Pages and API calls always go to the network: answers must be live.
const SHELL = 'vrs-shell-v3';
const FILES = [
  '/web/styles.css',
  '/web/scan.js',
  '/web/answerWords.js',
  '/web/scanHints.js',
  '/web/signin.js',
  '/web/icon.svg',
  '/web/manifest.webmanifest',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || !FILES.includes(url.pathname)) return;
  // Network first so a new version shows at once; the cache answers when the network does not.
  event.respondWith(
    fetch(event.request)
      .then((res) => {
        const copy = res.clone();
        caches.open(SHELL).then((cache) => cache.put(event.request, copy));
        return res;
      })
      .catch(() => caches.match(event.request)),
  );
});
