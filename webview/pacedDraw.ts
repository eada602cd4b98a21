// A part of the panel that redraws only while on screen and at most once per interval: what is scrolled away waits
// until it is scrolled to, and detail charts that change slowly do not redraw at the live rate of the cost curve.
//
// Why: a card carries four charts (signal flow, three layer histograms) besides its boundary; redrawing all twelve
// of the notebook's on every live frame took most of the main thread (1.5–3 ms each as chart.js charts; each still
// costs a canvas upload now that they are the panel's own).

/** Whether an element is within reach of the viewport, reported as it changes (IntersectionObserver in the panel). */
export type OnScreen = (target: Element, changed: (visible: boolean) => void) => () => void;

export class PacedDraw {
  private stale = false;
  private visible = true;
  private lastDraw = Number.NEGATIVE_INFINITY;

  /** `draw` redraws the part from the latest state; `intervalMs`: the least time between two of its redraws. */
  constructor(
    private readonly draw: () => void,
    private readonly intervalMs: number,
  ) {}

  /** The part's content changed: the next `run` that may draw it does. */
  request(): void {
    this.stale = true;
  }

  /** Off screen, a stale part keeps waiting; back on screen, the next `run` draws it. */
  setVisible(visible: boolean): void {
    this.visible = visible;
  }

  /** Follows `target` on screen, calling `wake` when it comes into view owing a redraw; returns the unwatch. */
  watch(onScreen: OnScreen, target: Element, wake: () => void): () => void {
    return onScreen(target, (visible) => {
      this.setVisible(visible);
      if (this.waiting) wake();
    });
  }

  /** Whether a redraw is owed that only time (not scrolling) stands between. */
  get waiting(): boolean {
    return this.stale && this.visible;
  }

  /**
   * Draws when stale, on screen and its interval has passed; returns how long (ms) until it may draw a content
   * still owed, or Infinity when nothing is owed on screen.
   */
  run(now: number): number {
    if (!this.waiting) return Number.POSITIVE_INFINITY;
    const wait = this.lastDraw + this.intervalMs - now;
    if (wait > 0) return wait;
    this.flush(now);
    return Number.POSITIVE_INFINITY;
  }

  /** Draws now if anything is owed, seen or not (a PNG export or a theme change wants every part current). */
  flush(now: number): void {
    if (!this.stale) return;
    this.stale = false;
    this.lastDraw = now;
    this.draw();
  }
}

/** The panel's OnScreen: one observer for every part, with a margin so a part scrolled to is drawn before it shows. */
export function observeOnScreen(marginPx: number): OnScreen {
  const listeners = new Map<Element, (visible: boolean) => void>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) listeners.get(e.target)?.(e.isIntersecting);
    },
    { rootMargin: `${marginPx}px 0px` },
  );
  return (target, changed) => {
    listeners.set(target, changed);
    observer.observe(target);
    return () => {
      observer.unobserve(target);
      listeners.delete(target);
    };
  };
}
