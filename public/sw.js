// Mattrathan's service worker: precaches the whole app shell so the app opens and works with no network after one
// visit: every page (one per job: index.html, qa.html, …) and its files. The file list and version are filled in at
// build time by .ci/precache.mjs (run by .ci/build); every release has new hashed file names and so a new version,
// which the page offers to switch to.
// Only GET requests for this app's own files are answered here: uploads and sync traffic never go through it.
//
// Never mixing releases: every file is fetched with `cache: 'reload'`, past the browser's HTTP cache, so a release's
// cache never holds a stale file of the one before. Two deployments on one origin (production at /prod/, staging at
// /staging/) each have their own cache, named with the worker's scope, and a new release deletes only the older
// caches of its own scope. (The IndexedDB database is named with the same scope: src/store/scope.rs.)
const VERSION = '__VERSION__';
const FILES = self.__PRECACHE__;
const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = `mattrathan-${SCOPE}-`;
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(['./', ...FILES].map((f) => new Request(f, { cache: 'reload' })))));
});

// A cache of a release before the scope was in the name (`mattrathan-<version>`) is ours only if it holds this
// scope's own page (`./`); another deployment's is left alone.
async function oldUnscopedCacheOfOurs(key) {
  if (!/^mattrathan-[0-9a-f]{16}$/.test(key)) return false;
  const requests = await (await caches.open(key)).keys();
  return requests.some((r) => r.url === self.registration.scope);
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if ((key.startsWith(PREFIX) && key !== CACHE) || await oldUnscopedCacheOfOurs(key)) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages: the precached page (the folder itself is the home page); the #/… route is not part of the request.
    const navigate = request.mode === 'navigate';
    const key = navigate && url.pathname.endsWith('/') ? './' : request;
    const hit = await cache.match(key, { ignoreSearch: navigate });
    return hit ?? fetch(request);
  })());
});
