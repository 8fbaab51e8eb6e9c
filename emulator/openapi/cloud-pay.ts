// 云支付 (CloudBase cloud pay) stand-in: `cloudPay.unifiedOrder`, `cloudPay.refund`,
// `cloudPay.queryOrder`, reached through node-sdk `callWxPayApi` (action `wx.wxPayApi`). Request
// and answer fields are the documented camelCase JSON ones (CloudPay.unifiedOrder / CloudPay.refund:
// "接口入参和返回值都为 JSON 而不是 XML"; mch_id, appid, sign are filled by the platform).
// The platform calls the function named in `functionName` with source wx_paycallback:
// - payment result: only when the user paid ("只有用户支付成功时才会有结果回调"), event fields as in
//   "支付结果回调云函数协议" (returnCode, resultCode, subMchId, outTradeNo, transactionId, totalFee, …);
// - refund result: the fields of WeChat Pay's refund notification (req_info), camelCased.
// A callback that does not answer `{ errcode: 0 }` is retried by the platform; here the answer is
// recorded and `retryCallback` re-sends it. State is in memory (docs/emulator-host.md).

import { randomBytes } from 'node:crypto';
import type { OpenApiAnswer, OpenApiRequest } from './registry';

export interface PayCallbackTarget {
  /** Invokes `functionName` with source wx_paycallback, as the platform does; resolves to its answer. */
  (functionName: string, event: Record<string, unknown>): Promise<unknown>;
}

interface Order {
  outTradeNo: string;
  subMchId: string;
  totalFee: number;
  body: string;
  envId: string;
  functionName: string;
  state: 'NOTPAY' | 'SUCCESS' | 'PAYERROR' | 'REFUND';
  transactionId: string | null;
  refundedFee: number;
  /** The last event the platform sent (or would send) for this order, for retries. */
  lastCallback: Record<string, unknown> | null;
}

interface Refund {
  outRefundNo: string;
  outTradeNo: string;
  refundFee: number;
  refundId: string;
  functionName: string;
  event: Record<string, unknown>;
}

const MCH_ID = '1800000001';
const fail = (errmsg: string, extra: Record<string, unknown> = {}): OpenApiAnswer => ({ errcode: -1, errmsg, returnCode: 'FAIL', returnMsg: errmsg, ...extra });
const nonce = (): string => randomBytes(8).toString('hex');
const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

export class CloudPayStandIn {
  private readonly orders = new Map<string, Order>();
  private readonly refunds = new Map<string, Refund>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Answers callbacks gave, newest last (tests read them). */
  readonly callbackAnswers: Array<{ kind: 'pay' | 'refund'; key: string; answer: unknown }> = [];

  constructor(private readonly deps: { appid: string; callback: () => PayCallbackTarget | null }) {}

  readonly unifiedOrder = (request: OpenApiRequest): OpenApiAnswer => {
    const data = (request.requestData ?? {}) as Record<string, unknown>;
    const outTradeNo = text(data.outTradeNo);
    const subMchId = text(data.subMchId);
    const totalFee = int(data.totalFee);
    const functionName = text(data.functionName);
    const envId = text(data.envId);
    const body = text(data.body);
    if (!outTradeNo || !subMchId || !totalFee || !functionName || !envId || !body) return fail('body, outTradeNo, subMchId, totalFee (fen > 0), envId and functionName are required');
    const known = this.orders.get(outTradeNo);
    // WeChat Pay: the same out_trade_no with other terms is refused (ORDERPAID / OUT_TRADE_NO_USED).
    if (known && (known.totalFee !== totalFee || known.subMchId !== subMchId)) return { ...fail('商户订单号重复'), resultCode: 'FAIL', errCode: 'OUT_TRADE_NO_USED' };
    if (known && known.state !== 'NOTPAY') return { ...fail('该订单已支付'), resultCode: 'FAIL', errCode: 'ORDERPAID' };
    if (!known) this.orders.set(outTradeNo, { outTradeNo, subMchId, totalFee, body, envId, functionName, state: 'NOTPAY', transactionId: null, refundedFee: 0, lastCallback: null });
    const prepayId = `wx_emu_prepay_${outTradeNo}`;
    const nonceStr = nonce();
    return {
      errcode: 0,
      errmsg: 'cloudPay.unifiedOrder:ok',
      returnCode: 'SUCCESS',
      returnMsg: 'OK',
      resultCode: 'SUCCESS',
      appid: this.deps.appid,
      mchId: MCH_ID,
      subMchId,
      nonceStr,
      tradeType: 'JSAPI',
      prepayId,
      // What the mini-program passes to wx.requestPayment; the emulator signs nothing.
      payment: { appId: this.deps.appid, timeStamp: String(Math.floor(Date.now() / 1000)), nonceStr, package: `prepay_id=${prepayId}`, signType: 'MD5', paySign: 'EMULATOR' },
    };
  };

  readonly queryOrder = (request: OpenApiRequest): OpenApiAnswer => {
    const data = (request.requestData ?? {}) as Record<string, unknown>;
    const order = this.orders.get(text(data.outTradeNo) ?? '');
    if (!order) return { ...fail('订单不存在'), resultCode: 'FAIL', errCode: 'ORDERNOTEXIST' };
    return { errcode: 0, errmsg: 'cloudPay.queryOrder:ok', returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: order.outTradeNo, tradeState: order.state, totalFee: order.totalFee, transactionId: order.transactionId ?? '' };
  };

  readonly refund = (request: OpenApiRequest): OpenApiAnswer => {
    const data = (request.requestData ?? {}) as Record<string, unknown>;
    const outTradeNo = text(data.outTradeNo);
    const outRefundNo = text(data.outRefundNo);
    const totalFee = int(data.totalFee);
    const refundFee = int(data.refundFee);
    const functionName = text(data.functionName);
    if (!outTradeNo || !outRefundNo || !totalFee || !refundFee || !text(data.subMchId)) return fail('subMchId, outTradeNo, outRefundNo, totalFee and refundFee are required');
    const order = this.orders.get(outTradeNo);
    if (!order || (order.state !== 'SUCCESS' && order.state !== 'REFUND')) return { ...fail('订单不存在或未支付'), resultCode: 'FAIL', errCode: 'ORDERNOTEXIST' };
    if (totalFee !== order.totalFee) return { ...fail('订单金额不符'), resultCode: 'FAIL', errCode: 'INVALID_REQUEST' };
    const known = this.refunds.get(outRefundNo);
    // "一笔退款失败后重新提交，请不要更换退款单号": the same refund number is the same refund.
    if (known) return this.refundAnswer(order, known);
    if (order.refundedFee + refundFee > order.totalFee) return { ...fail('退款金额超过订单金额'), resultCode: 'FAIL', errCode: 'INVALID_REQUEST' };
    order.refundedFee += refundFee;
    order.state = 'REFUND';
    const refundId = `50300${Date.now()}${nonce().slice(0, 6)}`;
    const event = {
      returnCode: 'SUCCESS', appid: this.deps.appid, mchId: MCH_ID, subMchId: order.subMchId, nonceStr: nonce(),
      transactionId: order.transactionId, outTradeNo, refundId, outRefundNo, totalFee: order.totalFee, refundFee,
      settlementRefundFee: refundFee, refundStatus: 'SUCCESS', successTime: new Date().toISOString(), refundRecvAccout: '支付用户零钱', refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS', refundRequestSource: 'API',
    };
    const refund: Refund = { outRefundNo, outTradeNo, refundFee, refundId, functionName: functionName ?? order.functionName, event };
    this.refunds.set(outRefundNo, refund);
    // The refund settles after the request is answered, and its notification follows (asynchronously, as on the platform).
    this.track(new Promise((resolve) => setImmediate(resolve)).then(() => this.notify('refund', outRefundNo, refund.functionName, event)));
    return this.refundAnswer(order, refund);
  };

  private refundAnswer(order: Order, refund: Refund): OpenApiAnswer {
    return { errcode: 0, errmsg: 'cloudPay.refund:ok', returnCode: 'SUCCESS', returnMsg: 'OK', resultCode: 'SUCCESS', subMchId: order.subMchId, outTradeNo: order.outTradeNo, outRefundNo: refund.outRefundNo, refundId: refund.refundId, refundFee: refund.refundFee, totalFee: order.totalFee };
  }

  /**
   * The payer finished in WeChat: `succeed` pays the order and sends the payment callback;
   * a failure changes the order only (the platform sends no callback for unpaid orders).
   * `overrides` lets a test send a tampered event (wrong amount) as a forged notification would.
   */
  async settle(outTradeNo: string, outcome: 'succeed' | 'fail', overrides: Record<string, unknown> = {}): Promise<unknown> {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`no emulated payment ${outTradeNo} (unifiedOrder was never called for it)`);
    if (outcome === 'fail') {
      if (order.state === 'NOTPAY') order.state = 'PAYERROR';
      return { tradeState: order.state };
    }
    if (order.state === 'NOTPAY' || order.state === 'PAYERROR') {
      order.state = 'SUCCESS';
      order.transactionId = `42000${Date.now()}${nonce().slice(0, 6)}`;
      order.lastCallback = {
        returnCode: 'SUCCESS', appid: this.deps.appid, mchId: MCH_ID, subAppid: this.deps.appid, subMchId: order.subMchId, nonceStr: nonce(), resultCode: 'SUCCESS',
        openid: '', isSubscribe: 'N', subOpenid: '', subIsSubscribe: 'N', tradeType: 'JSAPI', bankType: 'OTHERS', totalFee: order.totalFee, feeType: 'CNY',
        cashFee: order.totalFee, transactionId: order.transactionId, outTradeNo, timeEnd: new Date().toISOString().replace(/\D/g, '').slice(0, 14),
      };
    }
    return this.notify('pay', outTradeNo, order.functionName, { ...order.lastCallback, ...overrides });
  }

  /** Sends the payment notification again, as the platform retries until it is answered with errcode 0. */
  async retryCallback(outTradeNo: string): Promise<unknown> {
    const order = this.orders.get(outTradeNo);
    if (!order?.lastCallback) throw new Error(`payment ${outTradeNo} has had no callback`);
    return this.notify('pay', outTradeNo, order.functionName, order.lastCallback);
  }

  /** Sends a refund notification again. */
  async retryRefundCallback(outRefundNo: string): Promise<unknown> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`no emulated refund ${outRefundNo}`);
    return this.notify('refund', outRefundNo, refund.functionName, refund.event);
  }

  refundsOf(outTradeNo: string): Array<{ outRefundNo: string; refundFee: number }> {
    return [...this.refunds.values()].filter((r) => r.outTradeNo === outTradeNo).map((r) => ({ outRefundNo: r.outRefundNo, refundFee: r.refundFee }));
  }

  /** Resolves once every notification under way has been answered. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async notify(kind: 'pay' | 'refund', key: string, functionName: string, event: Record<string, unknown>): Promise<unknown> {
    const target = this.deps.callback();
    if (!target) throw new Error('cloud pay: no function host to deliver the callback to');
    const answer = await target(functionName, event);
    this.callbackAnswers.push({ kind, key, answer });
    return answer;
  }
}
