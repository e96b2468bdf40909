import { h } from './dom.js';
import type { PressGuard } from './press.js';

export interface VirtualListOptions<T> {
  /** What the list is, for screen readers ("Jobs"). */
  label: string;
  /** The row at `index`, or undefined while it is not loaded. */
  row(index: number): T | undefined;
  /** The element of one row; called when a row comes into view or is refreshed. */
  render(row: T | undefined, index: number): HTMLElement;
  /** Rows `first`..`last` (inclusive) are in view: a chance to load those missing. */
  onRange(first: number, last: number): void;
  /** Rows are redrawn through it, so a row's button being pressed is not replaced mid-click. */
  press: PressGuard;
}

/** Rows drawn beyond each edge of the view, so a fast scroll shows rows, not a gap. */
const OVERSCAN = 8;

/**
 * A list that keeps only the rows in view in the DOM (a few dozen elements whether it holds
 * ten rows or 100,000), each absolutely placed at index × row height inside a spacer as tall as
 * the whole list, so the scroll bar is true to the count. The row height comes from the CSS
 * variable --row-h (taller on narrow screens, where a row wraps to two lines).
 *
 * Keyboard: arrow keys, Page Up/Down, Home and End move between rows (focusing each row's
 * first link), scrolling as needed; Tab reaches a row's own controls.
 */
export class VirtualList<T> {
  readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly drawn = new Map<number, HTMLElement>();
  private count = 0;
  private rowHeight = 44;
  private frame = 0;

  constructor(private readonly opts: VirtualListOptions<T>) {
    this.spacer = h('div', { class: 'vlist-spacer' });
    this.viewport = h('div', { class: 'vlist', role: 'list', 'aria-label': opts.label, tabindex: '-1' }, this.spacer);
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.measure()).observe(this.viewport);
  }

  get size(): number {
    return this.count;
  }

  setCount(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.spacer.style.height = `${count * this.rowHeight}px`;
    for (const [i, el] of this.drawn) {
      if (i >= count) {
        el.remove();
        this.drawn.delete(i);
      }
    }
    this.schedule();
  }

  /** Draws the rows in view again (all of them, or the one at `index`), e.g. after they loaded or changed. */
  refresh(index?: number): void {
    if (index !== undefined) {
      const old = this.drawn.get(index);
      if (old) this.redraw(index, old);
      return;
    }
    for (const [i, el] of this.drawn) this.redraw(i, el);
    this.schedule();
  }

  /** Draws row `index` again in place of `old`, once no press on `old` is under way. */
  private redraw(index: number, old: HTMLElement): void {
    this.opts.press.whenFree(old, () => {
      // Scrolled away or shrunk meanwhile: that row is no longer drawn, or drawn anew already.
      if (this.drawn.get(index) === old) this.draw(index, old);
    });
  }

  /** Scrolls row `index` into view and focuses its first link. */
  focusRow(index: number): void {
    const i = Math.max(0, Math.min(this.count - 1, index));
    const top = i * this.rowHeight;
    const bottom = top + this.rowHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (bottom > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = bottom - this.viewport.clientHeight;
    this.layout();
    const row = this.drawn.get(i);
    (row?.querySelector<HTMLElement>('a') ?? row?.querySelector<HTMLElement>('button, input'))?.focus({ preventScroll: true });
  }

  /** The first and last row index in view. */
  visibleRange(): [number, number] {
    const first = Math.floor(this.viewport.scrollTop / this.rowHeight);
    const last = Math.min(this.count - 1, Math.ceil((this.viewport.scrollTop + this.viewport.clientHeight) / this.rowHeight));
    return [first, last];
  }

  private schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  private measure(): void {
    const h = Number.parseFloat(getComputedStyle(this.viewport).getPropertyValue('--row-h'));
    if (Number.isFinite(h) && h > 0 && h !== this.rowHeight) {
      this.rowHeight = h;
      this.spacer.style.height = `${this.count * h}px`;
      for (const [i, el] of this.drawn) el.style.transform = `translateY(${i * h}px)`;
    }
    this.schedule();
  }

  private layout(): void {
    const [firstVisible, lastVisible] = this.visibleRange();
    const first = Math.max(0, firstVisible - OVERSCAN);
    const last = Math.min(this.count - 1, lastVisible + OVERSCAN);
    for (const [i, el] of this.drawn) {
      if (i < first || i > last) {
        // Keep the focused row: removing it would drop keyboard focus to the page.
        if (el.contains(document.activeElement)) continue;
        el.remove();
        this.drawn.delete(i);
      }
    }
    for (let i = first; i <= last; i++) if (!this.drawn.has(i)) this.draw(i);
    if (this.count > 0) this.opts.onRange(Math.max(0, firstVisible), Math.max(0, lastVisible));
  }

  private draw(index: number, old?: HTMLElement): void {
    const el = this.opts.render(this.opts.row(index), index);
    el.classList.add('vlist-row');
    el.setAttribute('role', 'listitem');
    el.setAttribute('aria-posinset', String(index + 1));
    el.setAttribute('aria-setsize', String(this.count));
    el.dataset.index = String(index);
    el.style.transform = `translateY(${index * this.rowHeight}px)`;
    const hadFocus = old?.contains(document.activeElement) ?? false;
    if (old) old.replaceWith(el);
    else this.spacer.append(el);
    this.drawn.set(index, el);
    if (hadFocus) el.querySelector<HTMLElement>('a')?.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || (e.target as HTMLElement).tagName === 'INPUT') return;
    const i = Number(row.dataset.index);
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / this.rowHeight) - 1);
    const to: Record<string, number> = {
      ArrowDown: i + 1,
      ArrowUp: i - 1,
      PageDown: i + page,
      PageUp: i - page,
      Home: 0,
      End: this.count - 1,
    };
    const target = to[e.key];
    if (target === undefined) return;
    e.preventDefault();
    this.focusRow(target);
  }
}
