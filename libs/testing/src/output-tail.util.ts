import type { Readable } from 'node:stream';

type LineListener = (line: string) => void;

/**
 * Keeps the last lines a child process printed (for error messages) and tells listeners about
 * every complete line (for readiness checks), whatever the chunking of the streams.
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private readonly listeners = new Set<LineListener>();

  constructor(private readonly maxLines = 60) {}

  /** Reads a stream line by line; each stream keeps its own partial line. */
  attach(stream: Readable | null): void {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) this.addLine(line);
    });
    stream.on('end', () => {
      if (partial) this.addLine(partial);
      partial = '';
    });
  }

  addLine(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
    for (const listener of this.listeners) listener(line);
  }

  /** Calls `listener` for each later line; returns a function that stops it. */
  onLine(listener: LineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Latches true once a later line matches `pattern`. */
  watchFor(pattern: RegExp): () => boolean {
    let seen = false;
    const stop = this.onLine((line) => {
      if (pattern.test(line)) {
        seen = true;
        stop();
      }
    });
    return () => seen;
  }

  text(): string {
    return this.lines.join('\n');
  }
}
