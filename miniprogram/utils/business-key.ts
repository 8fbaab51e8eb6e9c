/** Order and refund numbers are idempotency keys: same rule as the backend's `businessKey`. */
const BUSINESS_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function checkBusinessKey(value: string, label: string): string | null {
  const text = value.trim();
  if (text === '') return `请输入${label}`;
  if (!BUSINESS_KEY.test(text)) return `${label}只能包含字母、数字、- 或 _（最多 64 位）`;
  return null;
}
