import { InvocationError } from './invocation-error';

/**
 * Holds HTTP calls while the emulator prepares its data (a seed replaying history through the
 * functions): a caller would otherwise see half-built data. In-process calls (the seed itself)
 * do not pass through the gate.
 */
export class StartGate {
  private open: boolean;
  private progress = 'starting';

  constructor(open: boolean) {
    this.open = open;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** What the emulator is doing now, shown in the refusal and on /health. */
  get status(): string {
    return this.open ? 'ready' : this.progress;
  }

  report(progress: string): void {
    this.progress = progress;
  }

  openNow(): void {
    this.open = true;
  }

  /** Throws EMULATOR_STARTING while closed. */
  pass(): void {
    if (!this.open) throw new InvocationError('EMULATOR_STARTING', `the emulator is starting (${this.progress}); retry when it prints "ready"`);
  }
}
