import type { RequestPaymentParams } from '../../../typings/api/groupbuy';
import { sdkApp } from '../data/database';
import { AppError } from './app-error';
import { logger } from './logger';
import { runsOnEmulator } from './secrets';

/**
 * CloudBase 云支付 through @cloudbase/node-sdk: `app.callWxPayApi({ apiName: 'cloudPay.<api>',
 * requestData })` posts the SDK's `wx.wxPayApi` multipart call and answers raw bytes (node-sdk
 * src/wx/index.ts, tcbapirequester `handleWxOpenApiData`). The request and answer are the
 * documented cloudPay JSON (CloudPay.unifiedOrder / CloudPay.refund: "接口入参和返回值都为 JSON
 * 而不是 XML"; mch_id, appid and sign are the platform's). Decision recorded in docs/payments.md.
 */

/** What the mini-program passes to wx.requestPayment (the answer's `payment`). */
export type PaymentParams = RequestPaymentParams;

interface PayAnswer {
  returnCode?: string;
  resultCode?: string;
  returnMsg?: string;
  errCodeDes?: string;
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/** The sub-merchant number (商户号) and the environment the callbacks go to, from the function's configuration. */
export function payConfig(env: NodeJS.ProcessEnv = process.env): { subMchId: string; envId: string } {
  const subMchId = env.PAY_SUB_MCH_ID ?? (runsOnEmulator(env) ? '1900000109' : undefined);
  const envId = env.TCB_ENV ?? env.SCF_NAMESPACE;
  if (!subMchId || !envId) throw new AppError('PAYMENT_UNAVAILABLE', 'PAY_SUB_MCH_ID (商户号) is not configured for this function');
  return { subMchId, envId };
}

async function callCloudPay(apiName: string, request: Record<string, unknown>): Promise<PayAnswer> {
  let raw: unknown;
  try {
    // The SDK's form encoder needs every field to be a value; the two options unused by cloudPay are empty.
    raw = await sdkApp().callWxPayApi({ apiName, apiOptions: '', cgiName: '', requestData: Buffer.from(JSON.stringify(request)) });
  } catch (err) {
    logger.error({ err, apiName }, 'cloud pay call failed');
    throw new AppError('PAYMENT_UNAVAILABLE');
  }
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : JSON.stringify(raw);
  let answer: PayAnswer;
  try {
    answer = JSON.parse(text) as PayAnswer;
  } catch {
    throw new AppError('PAYMENT_UNAVAILABLE', `${apiName}: unreadable answer`);
  }
  if (answer.returnCode !== 'SUCCESS' || answer.resultCode !== 'SUCCESS') {
    logger.warn({ apiName, answer }, 'cloud pay refused');
    throw new AppError('PAYMENT_UNAVAILABLE', `${apiName}: ${answer.errCodeDes ?? answer.returnMsg ?? answer.errmsg ?? 'refused'}`);
  }
  return answer;
}

/** 统一下单: the payment parameters the mini-program passes to wx.requestPayment. */
export async function unifiedOrder(order: { body: string; outTradeNo: string; totalFee: number; functionName: string }): Promise<PaymentParams> {
  const { subMchId, envId } = payConfig();
  const answer = await callCloudPay('cloudPay.unifiedOrder', { ...order, subMchId, envId, spbillCreateIp: '127.0.0.1', tradeType: 'JSAPI' });
  const payment = answer.payment as PaymentParams | undefined;
  if (!payment || typeof payment.package !== 'string') throw new AppError('PAYMENT_UNAVAILABLE', 'cloudPay.unifiedOrder: no payment parameters');
  return payment;
}

/** 申请退款: the whole amount; the same outRefundNo is the same refund on WeChat Pay's side. */
export async function refund(input: { outTradeNo: string; outRefundNo: string; totalFee: number; functionName: string }): Promise<void> {
  const { subMchId, envId } = payConfig();
  await callCloudPay('cloudPay.refund', { ...input, refundFee: input.totalFee, subMchId, envId });
}
