// JSON Lines files written one whole line per append (O_APPEND), so a crash can tear at most the
// last line, and read back tolerating exactly that.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export class JsonLinesWriter {
  // Appends from one process are chained so concurrent results never interleave.
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  append(value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    const next = this.tail.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, line, { encoding: 'utf8', mode: 0o600 });
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Parses JSON Lines, keeping the values `accept` recognizes. Torn or foreign lines are dropped and
 * their line numbers handed to `onSkipped`, so a reader can say what it left out.
 */
export function readJsonLines<T>(text: string, accept: (value: unknown) => value is T, onSkipped?: (line: number) => void): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A line cut short by a crash: the entries before it still count.
    }
    if (value !== undefined && accept(value)) out.push(value);
    else onSkipped?.(index + 1);
  });
  return out;
}
