// What WeChat keeps about subscription messages, for the emulator: each user's one-time quota per
// template (one message per acceptance: "用户订阅一次就可以发送一次"), and every message sent (the outbox
// a developer reads instead of a phone). With a data folder both live in an append-only journal,
// `subscribe-messages.jsonl`, replayed at start, so they survive a restart; null = in memory.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SubscribeTemplate } from './templates';

export interface OutboxMessage {
  msgid: number;
  at: string;
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
}

/** One tap's outcome per template, as wx.requestSubscribeMessage reports it. */
export type SubscribeChoice = 'accept' | 'reject' | 'ban' | 'filter';

type JournalLine = { kind: 'accept'; openid: string; templateId: string; at: string } | { kind: 'send'; message: OutboxMessage };

export const JOURNAL_FILE = 'subscribe-messages.jsonl';

export class SubscribeMessageState {
  private readonly quota = new Map<string, number>();
  private readonly outbox: OutboxMessage[] = [];
  private readonly sentPerDay = new Map<string, number>();
  private readonly journal: string | null;
  /** Calls per day before 45009 (doc: "次数限制：开通支付能力的是 3kw/日，没开通的是 1kw/日"). */
  dailyLimit = 10_000_000;

  constructor(
    readonly templates: ReadonlyMap<string, SubscribeTemplate>,
    dataDir: string | null,
    private readonly now: () => number,
  ) {
    this.journal = dataDir === null ? null : join(dataDir, JOURNAL_FILE);
    if (this.journal && existsSync(this.journal)) {
      for (const line of readFileSync(this.journal, 'utf8').split('\n')) if (line.trim()) this.apply(JSON.parse(line) as JournalLine);
    }
  }

  /**
   * Records the result of one wx.requestSubscribeMessage: each accepted one-time template adds one
   * send to this user's quota; reject/ban/filter add nothing. Unknown template ids are ignored (the
   * real call fails for them before any choice). Returns the templates accepted.
   */
  recordChoices(openid: string, result: Record<string, unknown>): string[] {
    const accepted = Object.entries(result)
      .filter(([id, choice]) => choice === 'accept' && this.templates.has(id))
      .map(([id]) => id);
    for (const templateId of accepted) this.write({ kind: 'accept', openid, templateId, at: new Date(this.now()).toISOString() });
    return accepted;
  }

  quotaOf(openid: string, templateId: string): number {
    return this.quota.get(`${openid}\u0000${templateId}`) ?? 0;
  }

  /** Uses one quota and records the message; false (nothing changed) when there is no quota. */
  consumeAndRecord(message: Omit<OutboxMessage, 'msgid' | 'at'>): OutboxMessage | null {
    if (this.quotaOf(message.touser, message.template_id) <= 0) return null;
    const sent: OutboxMessage = { msgid: this.outbox.length + 1, at: new Date(this.now()).toISOString(), ...message };
    this.write({ kind: 'send', message: sent });
    return sent;
  }

  /** Counts one API call against today's limit; false when the limit is reached. */
  countCall(): boolean {
    const day = new Date(this.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const used = this.sentPerDay.get(day) ?? 0;
    if (used >= this.dailyLimit) return false;
    this.sentPerDay.set(day, used + 1);
    return true;
  }

  messages(filter: { touser?: string; template_id?: string } = {}): OutboxMessage[] {
    return this.outbox.filter((m) => (!filter.touser || m.touser === filter.touser) && (!filter.template_id || m.template_id === filter.template_id));
  }

  private write(line: JournalLine): void {
    if (this.journal) {
      mkdirSync(join(this.journal, '..'), { recursive: true });
      appendFileSync(this.journal, `${JSON.stringify(line)}\n`);
    }
    this.apply(line);
  }

  private apply(line: JournalLine): void {
    if (line.kind === 'accept') {
      const key = `${line.openid}\u0000${line.templateId}`;
      this.quota.set(key, (this.quota.get(key) ?? 0) + 1);
    } else {
      const key = `${line.message.touser}\u0000${line.message.template_id}`;
      this.quota.set(key, (this.quota.get(key) ?? 0) - 1);
      this.outbox.push(line.message);
    }
  }
}
