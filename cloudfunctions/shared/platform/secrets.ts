import { AppError } from './app-error';
import { logger } from './logger';

/**
 * Secrets come from the function's environment variables (set in the CloudBase console).
 * The local emulator (TCB_ENV=local) gets fixed development values so `npm start` needs no setup;
 * in the cloud a missing secret is a configuration error, never a silent default.
 */
const DEV_SECRETS: Record<SecretName, string> = {
  MEMBER_CODE_SECRET: 'dev-only-member-code-secret-change-me',
  MEMBER_DATA_KEY: 'dev-only-member-data-key-change-me',
};

/** Every secret a function may read; the deploy config maps each to a `.env.local` placeholder. */
export const SECRET_NAMES = ['MEMBER_CODE_SECRET', 'MEMBER_DATA_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export function secret(name: SecretName): string {
  const value = process.env[name];
  if (value && value.length >= 16) return value;
  if (process.env.TCB_ENV === 'local') return DEV_SECRETS[name];
  logger.error({ secret: name }, 'secret missing or shorter than 16 characters');
  throw new AppError('INTERNAL', `Server secret ${name} is not configured`);
}
