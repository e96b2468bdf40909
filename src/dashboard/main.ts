import { Api, ApiError, type Session } from './api.js';
import type { Ctx, View } from './context.js';
import { h, replace } from './dom.js';
import { editorView } from './editor.js';
import { newestEventId } from './event-log.js';
import { eventsView } from './events-view.js';
import { jobView } from './job-view.js';
import { jobsView } from './jobs-view.js';
import { LiveStream, type LiveState } from './live.js';
import { loginView } from './login.js';
import { interceptLinks, type Route, routeOf } from './router.js';
import { runsView } from './runs-view.js';
import { PressGuard } from './press.js';
import { noteList } from './schedule-notes.js';
import { statsHeader } from './stats-header.js';

// The dashboard's entry point: asks the server who is logged in (and whether that token may
// change anything), then draws the page around the view the address names.

const app = document.getElementById('app') as HTMLElement;
const api = new Api();

function liveBanner(live: LiveStream): HTMLElement {
  const el = h('div', { class: 'live-banner', role: 'status', hidden: true });
  let lost = false;
  let hide: ReturnType<typeof setTimeout> | undefined;
  live.onState((s: LiveState) => {
    document.body.dataset.live = s.state;
    clearTimeout(hide);
    if (s.state === 'lost') {
      lost = true;
      el.hidden = false;
      el.className = 'live-banner lost';
      replace(el, `Live updates lost: ${s.reason}. Reconnecting in ${Math.ceil(s.retryInMs / 1000)} s…`);
    } else if (s.state === 'open' && lost) {
      lost = false;
      el.className = 'live-banner ok';
      replace(el, 'Live updates resumed.');
      hide = setTimeout(() => (el.hidden = true), 3000);
    }
  });
  return el;
}

function start(session: Session): void {
  api.csrfToken = session.csrfToken;
  api.onUnauthorized = () => location.reload();
  const canWrite = session.access === 'full';
  document.documentElement.dataset.access = session.access;
  const live = new LiveStream(() => newestEventId(api));
  const view = h('main', { id: 'view', tabindex: '-1' });
  const toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  // What the server said about a schedule just saved (a DST day, skipped months): kept in view.
  const notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const stats = statsHeader(api);
  const nav = h(
    'nav',
    { 'aria-label': 'Views' },
    h('a', { href: '/jobs', 'data-view': 'jobs' }, 'Jobs'),
    h('a', { href: '/runs', 'data-view': 'runs' }, 'Runs'),
    h('a', { href: '/events', 'data-view': 'events' }, 'Events'),
  );
  const logout = async (): Promise<void> => {
    await api.send('DELETE', '/api/v1/session').catch(() => undefined);
    location.href = '/';
  };
  replace(
    app,
    h('a', { class: 'skip', href: '#view' }, 'Skip to content'),
    h(
      'header',
      { class: 'top' },
      h('a', { class: 'brand', href: '/jobs' }, h('img', { src: '/assets/icon.svg', alt: '', width: 20, height: 20 }), 'Chime'),
      nav,
      canWrite && h('a', { class: 'button primary', href: '/jobs/new' }, 'New job'),
      h(
        'span',
        { class: 'who', title: `Logged in with ${session.tokenName}` },
        canWrite ? session.tokenName : `${session.tokenName} (read-only)`,
      ),
      h('button', { type: 'button', class: 'link', onclick: () => void logout() }, 'Log out'),
    ),
    liveBanner(live),
    stats.el,
    notice,
    view,
    toast,
  );

  let current: View = {};
  let sayTimer: ReturnType<typeof setTimeout> | undefined;
  const ctx: Ctx = {
    api,
    session,
    canWrite,
    live,
    press: new PressGuard(),
    listHref: '/jobs',
    navigate(href, opts = {}) {
      if (opts.replace) history.replaceState(null, '', href);
      else history.pushState(null, '', href);
      render(opts.notice);
    },
    say(message, kind = 'info') {
      clearTimeout(sayTimer);
      toast.className = `toast ${kind}`;
      replace(toast, message);
      sayTimer = setTimeout(() => replace(toast), kind === 'error' ? 10_000 : 4000);
    },
  };

  const open = (route: Route): View => {
    switch (route.view) {
      case 'jobs':
        return jobsView(ctx, view);
      case 'job':
        return jobView(ctx, view, route.id);
      case 'new':
      case 'edit':
        if (!canWrite) {
          replace(view, h('p', { class: 'error', role: 'alert' }, 'This token may only read: it cannot create or change jobs.'));
          return {};
        }
        return editorView(ctx, view, route.view === 'edit' ? route.id : undefined);
      case 'runs':
        return runsView(ctx, view);
      case 'events':
        return eventsView(ctx, view);
      case 'missing':
        replace(view, h('p', { class: 'error' }, `Nothing at ${route.path}.`), h('a', { href: '/jobs' }, 'Go to the jobs'));
        return {};
    }
  };
  const render = (lines: string[] = []): void => {
    current.stop?.();
    replace(notice, noteList(lines));
    const route = routeOf(location.pathname);
    for (const a of nav.querySelectorAll('a')) {
      const here = a.dataset.view === route.view || (a.dataset.view === 'jobs' && ['job', 'new', 'edit'].includes(route.view));
      if (here) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    current = open(route);
  };
  live.onEvent((e) => {
    current.onEvent?.(e);
    stats.refresh();
  });
  live.onReset(() => {
    const said = [
      'The server’s event log is older than this page (its database was restored from a backup?): events may have been missed. ' +
        'What you see was reloaded from the server; live updates go on from its newest event.',
    ];
    stats.refresh();
    // An editor keeps what is typed (its save is checked against the job's version); every
    // other view is drawn again from the server.
    if (routeOf(location.pathname).view === 'edit' || routeOf(location.pathname).view === 'new') replace(notice, noteList(said));
    else render(said);
  });
  interceptLinks((href) => ctx.navigate(href));
  window.addEventListener('popstate', () => render());
  render();
  // After the view's own requests (the jobs list's first page): see statsHeader.
  stats.start();
  // Where the stream resumes from if it drops before any event arrived; without the log's
  // newest id (an older server) it simply starts with the next event.
  newestEventId(api)
    .then((id) => live.start(id))
    .catch(() => live.start());
}

async function boot(): Promise<void> {
  try {
    start(await api.get<Session>('/api/v1/session'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) loginView(app, api, () => location.reload());
    else replace(app, h('p', { class: 'error', role: 'alert' }, `Chime cannot be reached: ${(err as Error).message}`));
  }
}

void boot();
