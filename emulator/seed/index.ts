// Demo brand seeding. Owned by the loyalty core; the CLI calls it on first start.
export interface SeedContext {
  /** Invoke a cloud function as the console would (no end-user identity). */
  invokeAdmin(functionName: string, event: Record<string, unknown>): Promise<unknown>;
  log(message: string): void;
}

export interface SeedResult {
  seeded: boolean;
  summary: string;
}

export async function seedDemoIfEmpty(ctx: SeedContext): Promise<SeedResult> {
  ctx.log('demo seed: nothing to seed yet');
  return { seeded: false, summary: 'no demo data defined' };
}
