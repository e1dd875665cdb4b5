'use strict';
// The one local keep-alive receiver every measurement POSTs to (127.0.0.1, in the bench's main process).
// Counts per section, the section being the first path segment (/bare/…, /ref/…, /f1h/…): requests, and
// unique webhook-id values (a retry or redelivery of the same delivery counts once). Sections asked to
// track latency also keep each id's arrival time. Always answers 200 with an empty body.
const http = require('node:http');

function startReceiver() {
  const sections = new Map();
  const section = (key) => {
    let s = sections.get(key);
    if (!s) {
      s = { requests: 0, unique: 0, ids: new Set(), arrivals: null };
      sections.set(key, s);
    }
    return s;
  };
  const server = http.createServer((req, res) => {
    const now = performance.now();
    const slash = req.url.indexOf('/', 1);
    const s = section(req.url.slice(1, slash < 0 ? undefined : slash));
    s.requests++;
    const id = req.headers['webhook-id'];
    if (id === undefined) s.unique++;
    else if (!s.ids.has(id)) {
      s.ids.add(id);
      s.unique++;
      if (s.arrivals) s.arrivals.set(id, now);
    }
    req.on('end', () => {
      res.writeHead(200, { 'content-length': '0' });
      res.end();
    });
    req.resume();
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        port,
        url: (key, rest = 'hook') => `http://127.0.0.1:${port}/${key}/${rest}`,
        /** Unique deliveries (or requests, for id-less traffic) seen so far in a section. */
        count: (key) => section(key).unique,
        requests: (key) => section(key).requests,
        /** Starts keeping arrival times (performance.now()) per webhook-id in a section. */
        trackArrivals: (key) => {
          section(key).arrivals = new Map();
          return section(key).arrivals;
        },
        reset: (key) => sections.delete(key),
        close: () => new Promise((r) => {
          server.closeAllConnections?.();
          server.close(() => r());
        }),
      });
    });
  });
}

module.exports = { startReceiver };
