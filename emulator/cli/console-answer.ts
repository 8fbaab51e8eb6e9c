import type { ConsoleAnswer } from './admin-client';

export function parsePayload(json: string | undefined): Record<string, unknown> {
  if (json === undefined || json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`payload is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('payload must be a JSON object');
  return parsed as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Prints a console call's result as JSON and returns the exit code: 1 when the platform
 * refused or failed the call, or when the function answered `{ ok: false, code, message }`
 * (the envelope convention many CloudBase projects use), else 0.
 */
export function printConsoleAnswer(answer: ConsoleAnswer): number {
  if (answer.status !== 200 || !isObject(answer.body) || !('result' in answer.body)) {
    const message = isObject(answer.body) && typeof answer.body.errMsg === 'string' ? answer.body.errMsg : JSON.stringify(answer.body);
    process.stderr.write(`error (HTTP ${answer.status}): ${message}\n`);
    return 1;
  }
  const result = answer.body.result;
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (isObject(result) && result.ok === false) {
    process.stderr.write(`function answered with an error: ${String(result.code)}: ${String(result.message)}\n`);
    return 1;
  }
  return 0;
}
