import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The local stand-in of CloudBase static website hosting: files of one folder under a path
 * prefix, GET/HEAD only, nothing executed. A path without a file extension falls back to
 * index.html (a single-page app's client-side routes), as hosting's error-document setting does.
 */
export interface StaticSite {
  /** URL prefix with slashes, e.g. "/console/". */
  prefix: string;
  /** Folder with index.html. Resolved per request, so a rebuild is served at once. */
  root: string;
  /** Files made by the emulator rather than read from disk (e.g. the site's runtime settings). */
  generated?: Record<string, () => { contentType: string; body: string }>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function fileOf(site: StaticSite, relative: string): string | undefined {
  const path = normalize(join(site.root, relative));
  if (path !== site.root && !path.startsWith(site.root.endsWith(sep) ? site.root : site.root + sep)) return undefined;
  try {
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt']);
/** Gzipped bodies by path and mtime: hosting's CDN compresses text, and so does this stand-in. */
const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

function gzipOf(file: string): Buffer {
  const { mtimeMs } = statSync(file);
  const cached = gzipped.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.body;
  const body = gzipSync(readFileSync(file), { level: 9 });
  gzipped.set(file, { mtimeMs, body });
  return body;
}

/** Answers the request when it is under a site's prefix; false when no site matches. */
export function serveStatic(sites: readonly StaticSite[], method: string, pathname: string, res: ServerResponse, acceptEncoding = ''): boolean {
  const site = sites.find((s) => pathname === s.prefix.slice(0, -1) || pathname.startsWith(s.prefix));
  if (!site) return false;
  if (pathname === site.prefix.slice(0, -1)) {
    res.writeHead(301, { location: site.prefix }).end();
    return true;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  let relative = decodeURIComponent(pathname.slice(site.prefix.length)) || 'index.html';
  const generated = site.generated?.[relative];
  if (generated) {
    const { contentType, body } = generated();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(method === 'HEAD' ? undefined : body);
    return true;
  }
  let file = fileOf(site, relative);
  if (!file && extname(relative) === '') file = fileOf(site, (relative = 'index.html'));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
    return true;
  }
  const immutable = relative.startsWith('assets/');
  const gzip = COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(acceptEncoding);
  const body = gzip ? gzipOf(file) : readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}
