import type { SatisfactionKpis } from '../../../../typings/api/feedback';
import { COLLECTIONS } from '../../data/collections';
import { command } from '../../data/database';
import { aggregate, count } from '../../data/store';

/** NPS = % promoters (9-10) − % detractors (0-6), rounded to one decimal; dismissals are not answers. */
export function npsScore(promoters: number, detractors: number, responses: number): number | null {
  return responses > 0 ? Math.round(((promoters - detractors) / responses) * 1000) / 10 : null;
}

/** Satisfaction figures for [from, to], each a database aggregation (indexes answeredAt, createdAt, status_createdAt). */
export async function satisfactionFigures(from: Date, to: Date): Promise<SatisfactionKpis> {
  const _ = command();
  const $ = _.aggregate;
  const [scores, categories, openFeedback] = await Promise.all([
    aggregate<{ _id: null; responses: number; promoters: number; detractors: number }>(COLLECTIONS.npsResponses, (agg) =>
      agg
        .match({ answeredAt: _.gte(from).and(_.lte(to)), score: _.gte(0) })
        .group({
          _id: null,
          responses: $.sum(1),
          promoters: $.sum($.cond({ if: $.gte(['$score', 9]), then: 1, else: 0 })),
          detractors: $.sum($.cond({ if: $.lte(['$score', 6]), then: 1, else: 0 })),
        }),
    ),
    aggregate<{ _id: string; n: number }>(COLLECTIONS.feedback, (agg) => agg.match({ createdAt: _.gte(from).and(_.lte(to)) }).group({ _id: '$category', n: $.sum(1) })),
    count(COLLECTIONS.feedback, { status: _.in(['open', 'in_progress']) }),
  ]);
  const row = scores[0] ?? { responses: 0, promoters: 0, detractors: 0 };
  return {
    nps: npsScore(row.promoters, row.detractors, row.responses),
    responses: row.responses,
    promoters: row.promoters,
    passives: row.responses - row.promoters - row.detractors,
    detractors: row.detractors,
    complaintsByCategory: Object.fromEntries(categories.map((c) => [c._id, c.n])),
    openFeedback,
  };
}
