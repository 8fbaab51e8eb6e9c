import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may reach the emulator's HTTP routes. The emulator listens on loopback, but a web page
 * open in the developer's browser can still send requests to 127.0.0.1 (a cross-site form
 * post needs no CORS preflight), and a DNS-rebinding page reaches it under a foreign Host.
 * So every route checks the Host, and the routes that carry authority (console, timers,
 * database) also need this start's token and refuse cross-origin requests.
 */

/** A fresh secret per start: 32 random bytes, URL-safe (it also goes into the database URL path). */
export function newRouteToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time comparison (hashing first makes the lengths equal). */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The host name of a Host header value: "127.0.0.1:3900" → "127.0.0.1", "[::1]:3900" → "[::1]". */
export function hostNameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  const colon = value.lastIndexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}

/** Host header names this server answers to: loopback, plus the bound address when it is not loopback. */
export function allowedHostNames(boundHost: string): ReadonlySet<string> {
  const names = new Set(LOOPBACK_NAMES);
  names.add(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost.toLowerCase()}]` : boundHost.toLowerCase());
  return names;
}

export type Refusal = { reason: string } | undefined;

/** DNS rebinding defence: the browser sends the attacker's name in Host, so only known names pass. */
export function checkHost(req: IncomingMessage, allowed: ReadonlySet<string>): Refusal {
  const host = req.headers.host;
  if (!host) return { reason: 'a Host header is required' };
  if (!allowed.has(hostNameOf(host))) return { reason: `Host "${host}" is not a loopback address (requests through another name are refused)` };
  return undefined;
}

function single(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Cross-origin requests are refused: an Origin other than this server's own, or a browser's
 * Sec-Fetch-Site saying the request comes from another site. Command-line clients and the
 * node-sdk send neither header.
 */
export function checkSameOrigin(req: IncomingMessage): Refusal {
  const origin = single(req, 'origin');
  const host = single(req, 'host');
  if (origin !== undefined && (host === undefined || origin.toLowerCase() !== `http://${host.toLowerCase()}`)) {
    return { reason: `cross-origin request from ${origin} refused` };
  }
  const site = single(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { reason: `cross-site request (Sec-Fetch-Site: ${site}) refused` };
  return undefined;
}

/** `Authorization: Bearer <token>`: a custom header, so a browser page cannot send it without a preflight we never grant. */
export function bearerTokenOf(req: IncomingMessage): string | undefined {
  const value = single(req, 'authorization');
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1] : undefined;
}
