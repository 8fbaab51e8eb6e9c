import { isApiError } from './api-error';

/**
 * Reads a list as a member, or — when the caller has no card yet (NOT_REGISTERED) — the visitor
 * version of it (browse actions: the same list with nothing about the caller).
 */
export async function asMemberOrVisitor<T>(member: () => Promise<T>, visitor: () => Promise<T>): Promise<{ value: T; visitor: boolean }> {
  try {
    return { value: await member(), visitor: false };
  } catch (error) {
    if (isApiError(error) && error.code === 'NOT_REGISTERED') return { value: await visitor(), visitor: true };
    throw error;
  }
}
