// The subscription templates the emulated mini-program has "added" (公众平台 → 订阅消息 → 我的模板).
// In the cloud WeChat knows them; locally a project lists them in a JSON file:
//   { "templates": [ { "id": "…", "title": "积分过期提醒", "keywords": ["thing1", "number2", "date3"] } ] }
// Only one-time (一次性订阅) templates are modelled.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface SubscribeTemplate {
  id: string;
  title: string;
  /** The template's keys, e.g. `thing1`; the prefix is the value type WeChat checks. */
  keywords: string[];
}

const fileShape = z.strictObject({
  $comment: z.string().optional(),
  templates: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1), keywords: z.array(z.string().regex(/^[a-z_]+\d+$/)).min(1) })),
});

export function readTemplatesFile(path: string): SubscribeTemplate[] {
  const parsed = fileShape.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a subscription templates file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data.templates;
}
