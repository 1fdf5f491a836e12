import type { Problem } from './model';
import type { Segment } from './model';
import { formatClock } from './timecode';

/** Collects segments, keeping times monotone and reporting every repair. */
export class SegmentSink {
  readonly segments: Segment[] = [];
  private lastTime = 0;

  constructor(
    private readonly file: string,
    private readonly problems: Problem[],
  ) {}

  add(line: number, time: number | null, raw: { speaker?: string; text: string }): void {
    let t = time ?? this.lastTime;
    if (time !== null && time < this.lastTime) {
      this.warn(
        line,
        `timestamp ${formatClock(time)} goes backwards (previous ${formatClock(this.lastTime)}); kept at ${formatClock(this.lastTime)}`,
      );
      t = this.lastTime;
    }
    this.lastTime = t;
    const segment: Segment = { t, text: raw.text };
    if (raw.speaker) segment.speaker = raw.speaker;
    this.segments.push(segment);
  }

  /** Continuation line of a multi-line paragraph. */
  append(text: string): boolean {
    const last = this.segments.at(-1);
    if (!last) return false;
    last.text = last.text ? `${last.text} ${text}` : text;
    return true;
  }

  warn(line: number, message: string): void {
    this.problems.push({ file: this.file, line, severity: 'warning', message });
  }
}
