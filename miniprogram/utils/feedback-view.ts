import type { FeedbackCategory, FeedbackStatus, FeedbackView } from '../../typings/api';
import { formatDateTime } from './dates';

export const CATEGORY_LABELS: Record<FeedbackCategory, string> = {
  product: '商品',
  service: '服务',
  store: '门店环境',
  points: '积分与会员',
  app: '小程序使用',
  other: '其他',
};

export const CATEGORY_OPTIONS: Array<{ value: FeedbackCategory; label: string }> = (Object.keys(CATEGORY_LABELS) as FeedbackCategory[]).map((value) => ({ value, label: CATEGORY_LABELS[value] }));

export const STATUS_LABELS: Record<FeedbackStatus, string> = { open: '已提交', in_progress: '处理中', resolved: '已解决', closed: '已关闭' };

export interface FeedbackRow {
  id: string;
  category: string;
  text: string;
  orderNo: string;
  status: string;
  statusCode: FeedbackStatus;
  reply: string;
  createdAt: string;
}

export function feedbackRow(item: FeedbackView): FeedbackRow {
  return {
    id: item.feedbackId,
    category: CATEGORY_LABELS[item.category],
    text: item.text,
    orderNo: item.orderNo ?? '',
    status: STATUS_LABELS[item.status],
    statusCode: item.status,
    reply: item.reply ?? '',
    createdAt: formatDateTime(item.createdAt),
  };
}

/** The same bounds the server checks, so the member sees the problem before sending. */
export function feedbackProblem(text: string, orderNo: string): string | null {
  const body = text.trim();
  if (body.length < 5) return '请至少填写 5 个字';
  if (body.length > 500) return '最多 500 个字';
  if (orderNo.trim() !== '' && !/^[A-Za-z0-9_-]{1,64}$/.test(orderNo.trim())) return '订单号只能包含字母、数字、- 或 _';
  return null;
}
