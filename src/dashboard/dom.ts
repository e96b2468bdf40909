/** A child `h` accepts: nodes, text, and nothing (null, undefined, false are skipped). */
export type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | null | undefined | ((event: Event) => void);

/**
 * Builds an element: `h('button', { class: 'x', onclick: fn, disabled: true }, 'Pause')`.
 * Keys starting with `on` add listeners; `true` sets an empty attribute, `false`/null/undefined
 * leave it out. Text is always set as text, never parsed as HTML, so job names cannot inject.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Replaces everything inside `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A status word as a badge; the class gives its colour, the text says it (colour is never the only cue). */
export function badge(status: string): HTMLElement {
  return h('span', { class: `badge badge-${status}` }, status);
}
