import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { secret } from '../../platform/secrets';

/**
 * Phone numbers are stored three ways: an HMAC for equality lookups, AES-256-GCM ciphertext the
 * shopper can export, and a mask for display. Staff only ever see names masked.
 */
function key(): Buffer {
  return createHash('sha256').update(secret('MEMBER_DATA_KEY')).digest();
}

/** The keyed hash phones are looked up by (members `phone.hash`, index phoneHash). */
export function phoneHash(phone: string): string {
  return createHmac('sha256', key()).update(phone).digest('hex');
}

export function protectPhone(phone: string): { hash: string; cipher: string; masked: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return {
    hash: phoneHash(phone),
    cipher: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
    masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
  };
}

export function revealPhone(stored: string): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * A WeChat identity (openid or unionid) as kept after account erasure: HMAC under the member-data
 * key, so the stored value can neither be reversed nor matched by anyone without the key.
 */
export function identityDigest(kind: 'openid' | 'unionid', value: string): string {
  return createHmac('sha256', key()).update(JSON.stringify(['erased-identity', kind, value])).digest('hex').slice(0, 32);
}

/** '张三丰' → '张**'; 'Alice' → 'A****'. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '会员';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
