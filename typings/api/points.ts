import type { LedgerEntryView } from '../domain';

export interface PointsApi {
  /** Newest first; pass the returned cursor to continue. */
  history: {
    request: { cursor?: string; limit?: number };
    response: { items: LedgerEntryView[]; nextCursor: string | null };
  };
}
