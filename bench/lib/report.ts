import { cpus, totalmem } from 'node:os';

/** One benchmark's printed result: a title, a markdown table and notes. */
export interface Section {
  title: string;
  command: string;
  headers: string[];
  rows: Array<Array<string | number>>;
  notes: string[];
}

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function render(section: Section): string {
  return [`## ${section.title}`, '', `\`${section.command}\``, '', table(section.headers, section.rows), '', ...section.notes.map((n) => `- ${n}`), ''].join('\n');
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => n.toFixed(n < 10 ? 1 : 0),
  ratio: (n: number) => `${n.toFixed(2)}×`,
  mb: (bytes: number) => (bytes / 2 ** 20).toFixed(1),
};

export function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}
