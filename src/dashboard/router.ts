/** The page's views, by address: each address opens its view directly (a shared link works). */
export type Route =
  | { view: 'jobs' }
  | { view: 'job'; id: string }
  | { view: 'edit'; id: string }
  | { view: 'new' }
  | { view: 'runs' }
  | { view: 'events' }
  | { view: 'missing'; path: string };

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/jobs') return { view: 'jobs' };
  if (path === '/jobs/new') return { view: 'new' };
  if (path === '/runs') return { view: 'runs' };
  if (path === '/events') return { view: 'events' };
  const m = /^\/jobs\/([A-Za-z0-9_-]{1,64})(\/edit)?$/.exec(path);
  if (m?.[1]) return m[2] ? { view: 'edit', id: m[1] } : { view: 'job', id: m[1] };
  return { view: 'missing', path };
}

/**
 * Follows same-page links without reloading (the address changes, the view is drawn again);
 * the back button does the same. Links with a modifier key or a target open as the browser would.
 */
export function interceptLinks(navigate: (href: string) => void): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}
