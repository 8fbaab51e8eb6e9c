import type { ErrorCode } from '../../typings/errors';

/**
 * The one table of user-facing messages, keyed by the error-code catalogue. A `Record` so a code
 * added to typings/errors.ts fails the type check until it has a message here.
 */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的信息有误，请检查后重试',
  UNKNOWN_ACTION: '当前版本不支持该操作，请更新小程序',
  UNAUTHENTICATED: '请先登录微信后再试',
  FORBIDDEN: '没有权限进行此操作',
  NOT_STAFF: '仅限门店员工使用',
  NOT_REGISTERED: '您还不是会员，请先注册',
  CONSENT_REQUIRED: '请阅读并同意最新的隐私政策',
  MEMBER_NOT_FOUND: '未找到该会员',
  MEMBER_DELETED: '该会员账号已注销',
  CODE_MALFORMED: '这不是会员码，请扫描会员卡上的二维码',
  CODE_INVALID: '会员码无效，请让顾客出示最新会员码',
  CODE_EXPIRED: '会员码已过期，请让顾客刷新后重新扫码',
  CODE_REPLAYED: '该会员码已使用过，请让顾客刷新后重新扫码',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  SESSION_INVALID: '收银会话已失效，请重新扫码',
  ORDER_CONFLICT: '该订单号已记录过且金额不同，请核对订单号',
  ORDER_NOT_FOUND: '未找到该订单号的消费记录',
  REFUND_EXCEEDS_ORDER: '退款金额超过该订单可退金额',
  REFUND_CONFLICT: '该退款单号已记录过且内容不同，请核对退款单号',
  INSUFFICIENT_POINTS: '积分不足',
  STAFF_LIMIT_EXCEEDED: '已超出今日操作限额，已通知管理员',
  CONFIG_INVALID: '系统配置有误，请联系管理员',
  CAMPAIGN_NOT_FOUND: '活动不存在或已下线',
  CAMPAIGN_EXISTS: '活动编号已存在',
  CAMPAIGN_RULE_INVALID: '活动规则设置有误，请检查后重试',
  CAMPAIGN_NOT_RUNNABLE: '活动已暂停或不在活动时间内',
  CAMPAIGN_RUN_NOT_FOUND: '未找到该活动发放记录',
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_NOT_CLAIMABLE: '该优惠券当前不可领取',
  COUPON_OUT_OF_STOCK: '优惠券已被领完',
  COUPON_LIMIT_REACHED: '已达到该优惠券的领取上限',
  COUPON_TIER_TOO_LOW: '会员等级不满足领取条件',
  COUPON_NOT_USABLE: '该优惠券已使用、已过期或暂不可用',
  COUPON_THRESHOLD_NOT_MET: '未达到优惠券的使用门槛',
  COUPON_NOT_STACKABLE: '该优惠券不能与其他优惠券同时使用',
  GROUPBUY_NOT_FOUND: '拼团活动或团不存在',
  GROUPBUY_CLOSED: '拼团活动未开始或已结束',
  GROUPBUY_SOLD_OUT: '拼团名额已满，下次早点来',
  GROUP_FULL: '该团已满员',
  GROUP_CLOSED: '该团已结束',
  ALREADY_IN_GROUP: '您已参加过该拼团活动',
  REFERRAL_INVALID: '邀请码无效',
  KEY_CONFLICT: '该编号已用于另一笔操作，请核对后重试',
  ORDER_OTHER_STORE: '该订单不是本店订单，请由店长办理退款',
  STAFF_OWN_MEMBERSHIP: '店员不能为自己的会员账户办理业务',
  BIRTHDAY_CHANGE_LIMIT: '生日每 12 个月只能修改一次',
  CONFLICT: '系统繁忙，请稍后重试',
  INTERNAL: '系统开小差了，请稍后重试',
};

/** Failures of the platform call itself (network, function missing, timeout), not of an action. */
export const NETWORK_MESSAGE = '网络异常，请检查网络后重试';
