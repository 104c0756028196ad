/**
 * The console's command history, as a shell keeps it: Up walks back through earlier commands, Down walks
 * forward and finally returns to what was being typed before. Blank lines and immediate repeats are not
 * recorded.
 */
export const HISTORY_KEEP = 200;

export class CommandHistory {
  private entries: string[] = [];
  /** Position while browsing; entries.length means "not browsing" (the draft line). */
  private index = 0;
  private draft = '';

  get list(): readonly string[] {
    return this.entries;
  }

  push(command: string): void {
    const c = command.trim();
    if (c && this.entries[this.entries.length - 1] !== c) {
      this.entries.push(c);
      if (this.entries.length > HISTORY_KEEP) this.entries.splice(0, this.entries.length - HISTORY_KEEP);
    }
    this.index = this.entries.length;
    this.draft = '';
  }

  /** The previous command (or undefined at the oldest one); `current` is kept as the draft. */
  up(current: string): string | undefined {
    if (this.entries.length === 0) return undefined;
    if (this.index >= this.entries.length) {
      this.draft = current;
      this.index = this.entries.length;
    }
    if (this.index === 0) return undefined;
    this.index--;
    return this.entries[this.index];
  }

  /** The next command, the draft after the newest, or undefined when not browsing. */
  down(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }
}
