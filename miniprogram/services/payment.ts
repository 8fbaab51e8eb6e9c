import type { RequestPaymentParams } from '../../typings/api/groupbuy';

/**
 * Opens WeChat's payment sheet with the parameters CloudPay.unifiedOrder answered (wx.requestPayment).
 * Resolves true when the payer finished, false when they closed the sheet or it failed: the seat
 * stays held (unpaid) until its hold ends, and the group page offers to pay again.
 */
export function requestPayment(params: RequestPaymentParams): Promise<boolean> {
  return new Promise((resolve) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType as 'MD5' | 'HMAC-SHA256' | 'RSA',
      paySign: params.paySign,
      success: () => resolve(true),
      fail: () => resolve(false),
    });
  });
}
