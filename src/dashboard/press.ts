/**
 * Keeps a redraw from landing inside a click. The browser sends a click only to an element that
 * both the press (pointerdown) and the release (pointerup) reached: a redraw in between that
 * replaces the pressed button (a live update, the reload after the previous action) sends the
 * click to their common ancestor instead, and the press does nothing, without a word. A person's
 * click lasts about a tenth of a second, so a live page met this often enough; the dashboard's
 * browser test met it under load ("Resume" pressed, the job still paused).
 *
 * So a view redraws an element through `whenFree`: at once, unless a press that began inside
 * that element is under way; then just after its release, when the click has been delivered to
 * the element that was pressed.
 */
export class PressGuard {
  /** What the press under way began on, or undefined when nothing is pressed. */
  private pressed: Node | undefined;
  /** Redraws waiting for the release, by the element they replace: the newest one wins. */
  private readonly waiting = new Map<Element, () => void>();

  constructor(doc: Document = document) {
    // Capture phase: seen before any handler of the page could stop the event.
    doc.addEventListener('pointerdown', (e) => (this.pressed = e.target instanceof Node ? e.target : undefined), true);
    for (const end of ['pointerup', 'pointercancel', 'dragstart']) doc.addEventListener(end, () => this.release(), true);
    // A release outside the window may never reach the page: leaving it ends the press too.
    doc.defaultView?.addEventListener('blur', () => this.release());
  }

  /** Runs `redraw` (which replaces `el` or what is inside it) now, or once a press begun inside `el` has ended. */
  whenFree(el: Element, redraw: () => void): void {
    if (this.pressed && el.contains(this.pressed)) this.waiting.set(el, redraw);
    else redraw();
  }

  private release(): void {
    if (!this.pressed) return;
    this.pressed = undefined;
    // The click follows pointerup within the same task: a timer runs after it was delivered.
    setTimeout(() => {
      for (const [el, redraw] of [...this.waiting]) {
        if (this.pressed && el.contains(this.pressed)) continue; // pressed again there meanwhile
        this.waiting.delete(el);
        redraw();
      }
    }, 0);
  }
}
