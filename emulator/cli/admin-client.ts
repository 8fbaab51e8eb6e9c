/** Talks to a running emulator's console routes (the local stand-in for the CloudBase console). */

export class EmulatorUnreachableError extends Error {
  constructor(url: string) {
    super(`the emulator is not running at ${url} (start it with "npm start", or pass --port)`);
    this.name = 'EmulatorUnreachableError';
  }
}

export interface ConsoleAnswer {
  status: number;
  body: unknown;
}

export async function postToConsole(baseUrl: string, path: string, event: Record<string, unknown>): Promise<ConsoleAnswer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
  } catch {
    throw new EmulatorUnreachableError(baseUrl);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: report the raw text
  }
  return { status: response.status, body };
}
