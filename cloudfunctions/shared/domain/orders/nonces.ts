import { COLLECTIONS } from '../../data/collections';
import type { IntegrationNonceDoc } from '../../data/documents';
import { isDuplicateWrite } from '../../data/sdk-error';
import { insert } from '../../data/store';
import { AppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { MAX_SKEW_SECONDS } from './signature';

/**
 * Marks a signed request's nonce used. The id is (integration, nonce), so a second use fails on
 * the document id, however many copies arrive at once. A nonce must outlive the window in which
 * its timestamp is accepted (both sides of the server's clock); `purgeEphemeral` deletes it after.
 */
export async function consumeNonce(integrationId: string, nonce: string, now: Date): Promise<void> {
  const expiresAt = new Date(now.getTime() + 2 * MAX_SKEW_SECONDS * 1000);
  try {
    await insert<IntegrationNonceDoc>(COLLECTIONS.integrationNonces, { _id: keyId('nonce', integrationId, nonce), expiresAt });
  } catch (error) {
    if (isDuplicateWrite(error)) throw new AppError('NONCE_REPLAYED');
    throw error;
  }
}
