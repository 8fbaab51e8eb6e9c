import { randomBytes } from 'node:crypto';
import type { OrderEvent, OrderFeedAnswer } from '../../typings/api/orders';
import { SIGNATURE_HEADERS, signRequest } from '../../cloudfunctions/shared/domain/orders/signature';

/**
 * The reference client of the order feed (docs/order-feed.md): what a POS or shop does to send an
 * event. It signs with the same function the `orders` function verifies with, so the recipe in
 * the docs and the code cannot drift apart.
 */
export interface FeedClient {
  /** The HTTP access base: locally `http://127.0.0.1:3900/http`, in the cloud `https://<env>.service.tcloudbase.com`. */
  baseUrl: string;
  /** The trigger path bound to the `orders` function (cloudfunctions/http-access.json). */
  path: string;
  integrationId: string;
  secret: string;
  /** Unix seconds; the POS's own clock. */
  nowSeconds?: () => number;
}

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function signEvent(client: FeedClient, event: OrderEvent | Record<string, unknown>, overrides: { nonce?: string; timestamp?: string; body?: string } = {}): SignedRequest {
  const body = overrides.body ?? JSON.stringify(event);
  const timestamp = overrides.timestamp ?? String(Math.floor(client.nowSeconds ? client.nowSeconds() : Date.now() / 1000));
  const nonce = overrides.nonce ?? randomBytes(16).toString('base64url');
  const signature = signRequest(client.secret, { method: 'POST', path: client.path, timestamp, nonce, body: Buffer.from(body) });
  return {
    url: `${client.baseUrl}${client.path}`,
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADERS.integration]: client.integrationId,
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.signature]: signature,
    },
    body,
  };
}

export async function sendSigned(request: SignedRequest): Promise<{ status: number; answer: OrderFeedAnswer }> {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, answer: (await response.json()) as OrderFeedAnswer };
}

export function sendEvent(client: FeedClient, event: OrderEvent): Promise<{ status: number; answer: OrderFeedAnswer }> {
  return sendSigned(signEvent(client, event));
}
