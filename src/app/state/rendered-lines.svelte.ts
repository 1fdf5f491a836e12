/**
 * Which lines of a transcript are in the DOM. A long episode (1,500 lines) rendered at once is a long task
 * on a phone, so the lines around the landed moment come first, then the rest in small steps between frames,
 * downwards and then upwards, without moving what is on screen.
 */
import { tick } from 'svelte';

/** Lines rendered first around the landed one, and per step after: each step under 50 ms on a 4× slower CPU. */
const FIRST_LINES = 80;
const STEP_LINES = 30;
/** Per step towards a line far away: the reader is waiting for it. */
const JUMP_LINES = 150;

/**
 * Chromium and Firefox keep what is on screen in place themselves when lines are added above it (scroll
 * anchoring); measuring as well would force a layout of the whole list per step.
 */
const BROWSER_ANCHORS = typeof CSS !== 'undefined' && CSS.supports('overflow-anchor', 'auto');

/** After the next frame is painted, in a task of its own (so input and paint come between steps). */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export class RenderedLines {
  from = $state(0);
  to = $state(0);
  private total = 0;
  private generation = 0;

  /** `list` holds the lines, each with its `data-index`. */
  constructor(private readonly list: () => HTMLElement | undefined) {}

  /** A new transcript of `total` lines, landing on `around` (or the top when -1). */
  reset(total: number, around: number): void {
    this.total = total;
    const first = around >= 0 ? Math.max(0, around - FIRST_LINES / 2) : 0;
    this.from = first;
    this.to = Math.min(total, first + FIRST_LINES);
    this.schedule(++this.generation);
  }

  get complete(): boolean {
    return this.from === 0 && this.to === this.total;
  }

  /**
   * Renders up to `index` (a jump to a line far away, by find in episode) in steps like the others, only
   * larger; resolves once it is on the page.
   */
  async include(index: number): Promise<void> {
    const generation = this.generation;
    while ((index >= this.to || index < this.from) && index < this.total && generation === this.generation) {
      if (index >= this.to) this.to = Math.min(this.total, this.to + JUMP_LINES);
      else await this.keepInPlace(() => (this.from = Math.max(0, index, this.from - JUMP_LINES)));
      if (index >= this.to || index < this.from) await nextFrame();
    }
  }

  stop(): void {
    this.generation++;
  }

  /**
   * Grows the transcript above the reader so that what is on screen stays put: by scroll anchoring where the
   * browser has it, else (Safari) by scrolling as much as the first line moved.
   */
  private async keepInPlace(grow: () => void): Promise<void> {
    if (BROWSER_ANCHORS) return grow();
    const anchor = this.list()?.querySelector<HTMLElement>('[data-index]');
    const before = anchor?.getBoundingClientRect().top;
    grow();
    await tick();
    if (!anchor?.isConnected || before === undefined) return;
    const moved = anchor.getBoundingClientRect().top - before;
    if (moved !== 0) window.scrollBy(0, moved);
  }

  private schedule(generation: number): void {
    void nextFrame().then(() => this.step(generation));
  }

  private async step(generation: number): Promise<void> {
    if (generation !== this.generation || this.complete) return;
    if (this.to < this.total) this.to = Math.min(this.total, this.to + STEP_LINES);
    else await this.keepInPlace(() => (this.from = Math.max(0, this.from - STEP_LINES)));
    if (generation === this.generation) this.schedule(generation);
  }
}
