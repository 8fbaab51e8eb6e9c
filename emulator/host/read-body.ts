import type { IncomingMessage } from 'node:http';
import { InvocationError } from './invocation-error';

/** wx.cloud.callFunction caps the payload too; 1 MB keeps a runaway client from filling memory. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

function tooLarge(limit: number): InvocationError {
  return new InvocationError('PAYLOAD_TOO_LARGE', `request body exceeds ${limit} bytes`);
}

/** Reads the whole body, refusing early (by Content-Length) or as soon as the limit is crossed. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // discard, so the socket can carry the error response
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The event is a JSON object; an empty body means `{}` (callFunction without data). */
export function parseEvent(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvocationError('INVALID_REQUEST', 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvocationError('INVALID_REQUEST', 'request body must be a JSON object (the event)');
  }
  return parsed as Record<string, unknown>;
}
