/**
 * Which lines of a transcript are in the DOM: the lines around the landed moment, then more in small steps
 * between frames, but only while an edge of what is rendered is near the screen. Every line added makes each
 * later frame dearer (style, layout and paint of the whole list: 50-80 ms frames on a 4× slower CPU once the
 * longest episode's 1,452 lines were all in), so the page holds what the reader is near, whatever the
 * episode's length, and grows as they scroll. Lines far away are rendered on demand (find, playback, a link).
 */
import { tick, untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/**
 * Lines rendered first around the landed one, and per step after. Their whole paragraphs are drawn, so a step
 * can be twice as many lines: 30 first made a task of 11-19 ms of CPU here (45-75 ms at 4× slower), 12 of 8-10.
 */
const FIRST_LINES = 12;
const STEP_LINES = 10;
/** How far past the screen lines are kept ready (about two phone screens), so that scrolling rarely meets an edge. */
const READY_MARGIN = '1600px 0px';

/**
 * Chromium and Firefox keep what is on screen in place themselves when lines are added above it (scroll
 * anchoring); measuring as well would force a layout of the whole list per step.
 */
const BROWSER_ANCHORS = typeof CSS !== 'undefined' && CSS.supports('overflow-anchor', 'auto');

/** After the next frame is painted, in a task of its own (so input and paint come between steps). */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export type Edge = 'above' | 'below';

export class RenderedLines {
  from = $state(0);
  to = $state(0);
  private total = 0;
  private generation = 0;
  /** Whether each edge of the rendered lines is within READY_MARGIN of the screen (from an IntersectionObserver). */
  private readonly near: Record<Edge, boolean> = { above: false, below: false };
  /** Whether lines are being added (a step per frame): tests and the benchmark wait for the page to be still. */
  growing = $state(false);
  private observer: IntersectionObserver | undefined;
  /** The element just after the lines: room is added to it when the page is too short to keep the reader's place. */
  private belowEdge: HTMLElement | undefined;
  /** Settles once a new transcript's first lines are on the page (see `reset`). */
  private firstLines: Promise<void> = Promise.resolve();

  /** `list` holds the lines, each with its `data-index`. */
  constructor(private readonly list: () => HTMLElement | undefined) {}

  /**
   * A new transcript of `total` lines, landing on `around` (or the top when -1). Its first lines come in a task
   * of their own: decoding the episode and grouping its paragraphs is one already, and both together are a long
   * task on a phone for the longest episodes.
   */
  reset(total: number, around: number): void {
    this.total = total;
    this.from = this.to = 0;
    this.belowEdge?.style.removeProperty('padding-bottom');
    const generation = ++this.generation;
    this.growing = true;
    this.firstLines = new Promise((resolve) =>
      setTimeout(() => {
        if (generation === this.generation) this.renderAround(around);
        resolve();
      }, 0),
    );
  }

  /** Whether line `index` is on the page. */
  holds(index: number): boolean {
    return index >= this.from && index < this.to;
  }

  /**
   * Marks an edge of the rendered lines (an empty element just before or after them): while it is near the
   * screen, lines are added on that side.
   */
  edge(side: Edge): Attachment<HTMLElement> {
    return (element) => {
      element.dataset.edge = side;
      if (side === 'below') this.belowEdge = element;
      this.observer ??= new IntersectionObserver((entries) => this.observed(entries), { rootMargin: READY_MARGIN });
      this.observer.observe(element);
      return () => {
        this.observer?.unobserve(element);
        this.near[side] = false;
        if (this.belowEdge === element) this.belowEdge = undefined;
      };
    };
  }

  /**
   * Puts line `index` on the page (find in episode, playback, a link to another moment): by adding the lines up
   * to it when it is a step away at most, else by rendering the lines around it instead of the ones so far (those
   * between are not needed to read it, and would make a long task). Resolves once it is on the page.
   */
  async include(index: number): Promise<void> {
    await this.firstLines;
    if (index < 0 || index >= this.total) return;
    // As many lines as a step at most, so that a jump is never a long task.
    if (index < this.from - STEP_LINES || index >= this.to + STEP_LINES) return this.renderAround(index);
    if (index >= this.to) this.to = index + 1;
    else if (index < this.from) await this.keepInPlace(() => (this.from = index));
  }

  private renderAround(index: number): void {
    const first = index >= 0 ? Math.max(0, index - FIRST_LINES / 2) : 0;
    this.from = first;
    this.to = Math.min(this.total, first + FIRST_LINES);
    this.generation++;
    this.growing = false;
    this.grow();
  }

  stop(): void {
    this.generation++;
    this.growing = false;
  }

  private observed(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const side = (entry.target as HTMLElement).dataset.edge as Edge;
      this.near[side] = entry.isIntersecting;
    }
    this.grow();
  }

  /** Adds lines, a step per frame, on each side whose edge is near the screen; stops when neither is. */
  private grow(): void {
    // Untracked: `reset` runs inside an effect, which must not depend on it.
    if (untrack(() => this.growing)) return;
    this.growing = true;
    const generation = this.generation;
    void (async () => {
      // Stops after a frame with nothing to add: by then the observer has reported on the last step's layout.
      for (let idle = 0; idle < 2 && generation === this.generation;) {
        await nextFrame();
        if (generation !== this.generation) return;
        if (this.near.below && this.to < this.total) this.to = Math.min(this.total, this.to + STEP_LINES);
        else if (this.near.above && this.from > 0) await this.keepInPlace(() => (this.from = Math.max(0, this.from - STEP_LINES)));
        else {
          idle++;
          continue;
        }
        idle = 0;
      }
      if (generation === this.generation) this.growing = false;
    })();
  }

  /**
   * Grows the transcript above the reader so that what is on screen stays put: by scroll anchoring where the
   * browser has it, else (Safari) by scrolling as much as the first line moved. The browser anchors on what is
   * first on screen: while the episode's header still shows (a line landed on near either end of the lines drawn
   * so far), that is above the lines added, and stays put while they push the rest down.
   */
  private async keepInPlace(grow: () => void): Promise<void> {
    const list = this.list();
    if (BROWSER_ANCHORS && list && list.getBoundingClientRect().top < 0) return grow();
    const anchor = list?.querySelector<HTMLElement>('[data-index]');
    const before = anchor?.getBoundingClientRect().top;
    grow();
    await tick();
    if (!anchor?.isConnected || before === undefined) return;
    const moved = anchor.getBoundingClientRect().top - before;
    if (moved === 0) return;
    const target = window.scrollY + moved;
    window.scrollBy(0, moved);
    // A page shorter than the screen (the last lines of an episode, just landed on) cannot scroll that far: the
    // lines added grew the page by less than they pushed down what is on screen. Room below lets it. (The page's
    // own minimum height may take the first room added: hence a second try.)
    for (let tries = 0; tries < 3 && this.belowEdge && target - window.scrollY > 1; tries++) {
      const short = target - window.scrollY;
      this.belowEdge.style.paddingBottom = `${(parseFloat(this.belowEdge.style.paddingBottom) || 0) + short}px`;
      window.scrollBy(0, short);
    }
  }
}
