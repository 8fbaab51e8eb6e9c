import { z } from 'zod';

/** Field schemas shared by several actions, so the same field is validated the same way everywhere. */
export const empty = z.strictObject({});
export const fen = z.number().int().positive().max(100_000_000_00, 'amount exceeds 100,000,000 yuan');
export const businessKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, - or _');
export const documentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id');
export const nickname = z.string().trim().min(1).max(32);
export const birthday = z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use MM-DD or YYYY-MM-DD');
export const mainlandPhone = z.string().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number has 11 digits starting with 1');
export const consentVersion = z.string().min(1).max(32);
