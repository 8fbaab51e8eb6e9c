import type { PurchaseReceipt, RefundReceipt } from './staff';

/**
 * Order events from a brand's POS or online shop, sent to the `orders` function through
 * CloudBase's HTTP access service (docs/order-feed.md). The body is JSON, signed; these are
 * its shapes after the signature checked out.
 */

/** How the source knows the customer: exactly one of these. */
export type CustomerRef =
  | { memberCode: string }
  | { cardNo: string }
  | { phone: string }
  | { openid: string }
  | { unionid: string };

/** One line of an order: categories let the brand's rules exclude goods or rate them differently. */
export interface OrderLine {
  sku: string;
  category: string;
  quantity: number;
  /** What the customer paid for the line, after discounts, integer fen. */
  amountFen: number;
}

export interface OrderPaidEvent {
  type: 'order.paid';
  orderNo: string;
  amountFen: number;
  /** ISO 8601 with offset; informational (business time is the server's clock). */
  paidAt?: string;
  /** Must be one of the integration's stores when given. */
  storeId?: string;
  customer: CustomerRef;
  lines?: OrderLine[];
}

export interface OrderRefundedEvent {
  type: 'order.refunded';
  orderNo: string;
  refundNo: string;
  amountFen: number;
}

export type OrderEvent = OrderPaidEvent | OrderRefundedEvent;

/** What an order event did: credited to a member, or kept until the customer joins. */
export type OrderPaidResult =
  | { status: 'credited'; orderNo: string; receipt: PurchaseReceipt }
  | { status: 'unclaimed'; orderNo: string; claimUntil: string };

export type OrderRefundedResult =
  | { status: 'credited'; orderNo: string; receipt: RefundReceipt }
  | { status: 'unclaimed'; orderNo: string; refundNo: string; remainingFen: number };

/** The JSON body of the HTTP answer. */
export type OrderFeedAnswer = { ok: true; data: OrderPaidResult | OrderRefundedResult } | { ok: false; code: string; message: string };

export interface IntegrationView {
  integrationId: string;
  name: string;
  /** Order-number namespace: the till and a store POS share `store`, so the same sale is credited once. */
  channel: string;
  storeIds: string[];
  active: boolean;
  createdAt: string;
  rotatedAt: string | null;
}

export interface OrderRules {
  /** Categories that earn no points (still count as spend and growth). */
  excludedCategories: string[];
  /** Per-category points rate in permille of the base rate (1000 = normal). */
  categoryRatesPermille: Record<string, number>;
  /** How long an order of an unknown customer waits to be claimed when they join. */
  unclaimedDays: number;
}

export interface ImportRowError {
  row: number;
  code: string;
  message: string;
}

export interface ImportProgress {
  importId: string;
  status: 'running' | 'done';
  total: number;
  nextRow: number;
  recorded: number;
  unclaimed: number;
  duplicates: number;
  errors: ImportRowError[];
}

export interface IntegrationsApi {
  /** Creates an integration; the secret is in this answer only. */
  create: {
    request: { integrationId: string; name: string; channel: string; storeIds?: string[] };
    response: { integration: IntegrationView; secret: string };
  };
  /** A new secret; the previous one stops working at once. */
  rotateSecret: { request: { integrationId: string }; response: { integration: IntegrationView; secret: string } };
  setActive: { request: { integrationId: string; active: boolean }; response: IntegrationView };
  list: { request: Record<string, never>; response: { integrations: IntegrationView[] } };
  getOrderRules: { request: Record<string, never>; response: OrderRules };
  setOrderRules: { request: OrderRules; response: OrderRules };
  /**
   * Historical orders, as JSON lines or CSV (header `channel,orderNo,amountFen,paidAt,cardNo|phone|openid`).
   * Resumable: call again with the same id and text to continue after a time-out.
   */
  importOrders: {
    request: { importId: string; format: 'jsonl' | 'csv'; text: string };
    response: ImportProgress;
  };
}
