import type { Api, Session } from './api.js';
import { ApiError } from './api.js';
import { h, replace } from './dom.js';

/**
 * Shown when nobody is logged in: the printed login URL is the usual way in, and this form takes
 * the token itself (from the data directory's api-token file or CHIME_API_TOKEN).
 */
export function loginView(root: HTMLElement, api: Api, loggedIn: (s: Session) => void): void {
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true });
  const problem = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'login' },
    h('h1', {}, 'Log in to Chime'),
    h('p', {}, 'Open the login URL Chime printed at start, or paste the API token (kept in the data directory as api-token).'),
    h('div', { class: 'field' }, h('label', { for: 'token' }, 'Token'), token),
    problem,
    h('button', { type: 'submit', class: 'primary' }, 'Log in'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      loggedIn(await api.send<Session>('POST', '/api/v1/session', { token: token.value.trim() }));
    } catch (err) {
      replace(problem, err instanceof ApiError && err.status === 401 ? 'That token is not valid.' : (err as Error).message);
    }
  });
  replace(root, form);
  token.focus();
}
