// The dashboard shell: the API key, calls to the host, the hash router and polling.
import { h } from './dom.js';
import { overviewPage } from './overview.js';
import { jobsPage } from './jobs.js';
import { jobPage } from './job.js';
import { tryPage } from './try.js';
import { pluginsPage } from './plugins.js';

const KEY = 'nlphost.apiKey';
const main = document.getElementById('main');
const status = document.getElementById('status');
let session = { keyRequired: false };
let view = null;

export class ApiError extends Error {
  constructor(status, title) {
    super(title);
    this.status = status;
  }
}

/** Calls the host: a path starting with '/' is the public API, anything else is relative to the dashboard. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    sessionStorage.removeItem(KEY);
    showLogin('Your key was not accepted; log in again.');
    throw new ApiError(401, 'not logged in');
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data?.title ?? `${response.status} ${response.statusText}`);
  return data;
}

export function say(message) {
  status.textContent = message;
}

/** Runs fn now and again every ms until the page changes; errors are shown, not thrown. */
export function poll(ms, fn) {
  const token = view;
  const tick = async () => {
    if (token !== view) return;
    try {
      await fn();
    } catch (error) {
      if (error.status !== 401) say(`Update failed: ${error.message}`);
    }
    if (token === view) token.timer = setTimeout(tick, ms);
  };
  return tick();
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function showLogin(message) {
  view = { timer: null };
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, message ?? '');
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in'),
    h('p', {}, 'This host requires an API key (Api:Keys). It is kept for this browser tab only.'),
    h('label', { for: 'api-key' }, 'API key'), input, error,
    h('button', { type: 'submit', id: 'login' }, 'Log in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    sessionStorage.setItem(KEY, input.value);
    try {
      await api('/v1/tasks');
      route();
    } catch (e) {
      if (e.status !== 401) error.textContent = e.message;
    }
  });
  main.replaceChildren(form);
  input.focus();
}

async function route() {
  if (view?.timer) clearTimeout(view.timer);
  view = { timer: null };
  if (session.keyRequired && !sessionStorage.getItem(KEY)) {
    showLogin();
    return;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = !session.keyRequired;
  const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = path.split('/').filter(Boolean);
  for (const link of document.querySelectorAll('#nav a')) {
    const target = link.getAttribute('href').slice(1).split('/').filter(Boolean)[0];
    if (target === parts[0] || (!target && !parts.length)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  say('');
  const page = parts[0] === 'jobs' && parts[1] ? jobPage(parts[1])
    : parts[0] === 'jobs' ? jobsPage(params)
    : parts[0] === 'try' ? tryPage(parts[1])
    : parts[0] === 'plugins' ? pluginsPage()
    : overviewPage();
  const token = view;
  try {
    const content = await page;
    if (token === view && content) {
      main.replaceChildren(content);
    }
  } catch (error) {
    if (error.status !== 401 && token === view) main.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
  }
}

/** Replaces the page's content, only if the user has not moved on meanwhile. */
export function currentView() {
  return view;
}

document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  showLogin();
});
window.addEventListener('hashchange', route);
session = await (await fetch('api/session', { headers: { Accept: 'application/json' } })).json();
route();
