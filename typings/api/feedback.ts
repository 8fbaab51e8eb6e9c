/**
 * Feedback and satisfaction: what a member reports (category, text, order number), the status
 * they follow, and the NPS question after a purchase. Results go into the KPI report.
 */

export type FeedbackCategory = 'product' | 'service' | 'store' | 'points' | 'app' | 'other';
/** open → in_progress → resolved; `closed` = resolved without action (e.g. a duplicate). */
export type FeedbackStatus = 'open' | 'in_progress' | 'resolved' | 'closed';

export interface FeedbackView {
  feedbackId: string;
  category: FeedbackCategory;
  text: string;
  orderNo: string | null;
  status: FeedbackStatus;
  /** The brand's answer, shown to the member. */
  reply: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Whether to ask the NPS question now: after a purchase, once per period, never blocking. */
export interface NpsPrompt {
  due: boolean;
  /** The period the answer counts for (YYYY-MM, China time). */
  period: string;
}

export interface SatisfactionKpis {
  /** Net Promoter Score: % promoters (9-10) − % detractors (0-6), −100..100; null with no answers. */
  nps: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Feedback submitted in the range, by category. */
  complaintsByCategory: Record<string, number>;
  openFeedback: number;
}

export interface FeedbackApi {
  /** Member: files feedback; a retry with the same `requestKey` returns the first one. */
  submit: { request: { category: FeedbackCategory; text: string; orderNo?: string; requestKey: string }; response: FeedbackView };
  /** Member: own feedback, newest first, with status and the brand's reply. */
  mine: { request: Record<string, never>; response: { items: FeedbackView[] } };
  npsPrompt: { request: Record<string, never>; response: NpsPrompt };
  /** Member: 0-10 once per period; a second answer in the same period is ignored (first wins). */
  answerNps: { request: { score: number; comment?: string }; response: { recorded: boolean; period: string } };
  /** Member: "not now" — no question again this period. */
  dismissNps: { request: Record<string, never>; response: { period: string } };
  /** Admin: open feedback first, newest first. */
  list: { request: { status?: FeedbackStatus }; response: { items: Array<FeedbackView & { memberId: string }> } };
  /** Admin: moves the status on and optionally answers the member. */
  setStatus: { request: { feedbackId: string; status: FeedbackStatus; reply?: string }; response: FeedbackView };
}
