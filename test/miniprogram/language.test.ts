import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CODES } from '../../typings/errors';
import { configure } from '../../miniprogram/config';
import { ERROR_MESSAGES, NETWORK_MESSAGE } from '../../miniprogram/services/error-messages';
import { couponStore } from '../../miniprogram/stores/coupon-store';
import { memberStore } from '../../miniprogram/stores/member-store';
import { pointsStore } from '../../miniprogram/stores/points-store';
import { reasonText } from '../../miniprogram/utils/ledger-view';
import { fakeBackend } from './support/fake-backend';
import { instance, load, MINIPROGRAM_ROOT, settle } from './support/load';

const CJK = /[\u4e00-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{3,}/;

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  memberStore.reset();
  pointsStore.reset();
  couponStore.reset();
});

describe('what shoppers and cashiers read is Chinese, from the one message table', () => {
  it('has a Chinese message for every code in the catalogue, and nothing else', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, message] of [...Object.entries(ERROR_MESSAGES), ['NETWORK', NETWORK_MESSAGE]]) {
      expect({ code, chinese: CJK.test(message) }).toEqual({ code, chinese: true });
    }
  });

  it('shows the table text, never the server message, when a call fails', async () => {
    const english = 'member o_abc not found in collection members (requestId 42)';
    fakeBackend({ 'member.card': { ok: false, code: 'MEMBER_NOT_FOUND', message: english }, 'points.history': { ok: false, code: 'NO_SUCH_CODE', message: english } });
    const card = load('pages/card/index');
    instance(card).onShow();
    const points = load('pages/points/index');
    instance(points).onLoad();
    await settle(20);
    const cardText = card.dom?.textContent ?? '';
    const pointsText = points.dom?.textContent ?? '';
    expect(cardText).toContain(ERROR_MESSAGES.MEMBER_NOT_FOUND);
    // An unknown code falls back to INTERNAL's message.
    expect(pointsText).toContain(ERROR_MESSAGES.INTERNAL);
    for (const shown of [cardText, pointsText]) expect(shown).not.toContain('not found');
  });

  it('turns the ledger reasons the system writes into Chinese and drops foreign text', () => {
    expect(['expired', 'account_deleted', 'birthday_gift', 'referral_invitee', 'referral_clawback_inviter', 'coupon:tpl_1', 'campaign:c1', 'refund R9'].map(reasonText)).toEqual([
      '积分到期',
      '账号注销',
      '生日礼',
      '邀请奖励',
      '邀请奖励扣回',
      '兑换优惠券',
      '活动奖励',
      '退款单 R9',
    ]);
    expect(reasonText('客诉补偿')).toBe('客诉补偿');
    expect(reasonText('manual fix after audit')).toBe('');
    expect(reasonText('some_new_code')).toBe('');
  });

  it('keeps English words out of the text of every page template', () => {
    // Static text in WXML (outside {{ }} and attributes other than labels) must be Chinese; "NO." on the card is the one allowed Latin mark.
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === 'miniprogram_npm' || e.name === 'node_modules' ? [] : e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.wxml') ? [join(dir, e.name)] : []));
    })(MINIPROGRAM_ROOT);
    for (const file of files) {
      const template = document.createElement('template');
      template.innerHTML = readFileSync(file, 'utf8');
      const visible = [
        ...Array.from(template.content.querySelectorAll('*')).flatMap((e) => ['aria-label', 'label', 'description', 'placeholder', 'title', 'content', 'text'].map((a) => e.getAttribute(a) ?? '')),
        template.content.textContent ?? '',
      ]
        .join(' ')
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .replace(/\bNO\./g, ' ');
      expect({ file: relative(MINIPROGRAM_ROOT, file), latin: visible.match(LATIN_WORD)?.[0] ?? null }).toEqual({ file: relative(MINIPROGRAM_ROOT, file), latin: null });
    }
  });
});
