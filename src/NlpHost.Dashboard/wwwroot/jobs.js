// Jobs: newest first, filtered by state and task, paged; polled every 2 s.
import { api, poll, navigate } from './app.js';
import { h, badge, table, time, states } from './dom.js';

const PAGE = 25;

export async function jobsPage(params) {
  const state = params.get('state') ?? '';
  const task = params.get('task') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const tasks = await api('/v1/tasks');
  const go = changes => {
    const next = new URLSearchParams({ state, task, offset: String(offset), ...changes });
    for (const [k, v] of [...next]) if (!v || v === '0') next.delete(k);
    navigate(`#/jobs${next.size ? '?' + next : ''}`);
  };
  const stateSelect = h('select', { id: 'filter-state', onchange: e => go({ state: e.target.value, offset: '0' }) },
    h('option', { value: '' }, 'All states'), states.map(x => h('option', { value: x, selected: x === state }, x)));
  const taskSelect = h('select', { id: 'filter-task', onchange: e => go({ task: e.target.value, offset: '0' }) },
    h('option', { value: '' }, 'All tasks'), tasks.map(t => h('option', { value: t.name, selected: t.name === task }, t.name)));
  const list = h('div', { id: 'jobs-list' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const page = h('section', { 'aria-labelledby': 'jobs-title' },
    h('h1', { id: 'jobs-title' }, 'Jobs'),
    h('form', { class: 'filters', onsubmit: e => e.preventDefault() },
      h('label', { for: 'filter-state' }, 'State'), stateSelect,
      h('label', { for: 'filter-task' }, 'Task'), taskSelect),
    list, pager);
  await poll(2000, async () => {
    const query = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
    if (state) query.set('state', state);
    if (task) query.set('task', task);
    const result = await api(`api/jobs?${query}`);
    list.replaceChildren(table(`Jobs, newest first (${result.total} in all)`, ['Job', 'Task', 'State', 'Attempts', 'Created', 'Finished'],
      result.jobs.map(j => h('tr', { 'data-job': j.id },
        h('td', {}, h('a', { href: `#/jobs/${j.id}` }, h('code', {}, j.id.slice(0, 12)))),
        h('td', {}, j.task), h('td', {}, badge(j.state)), h('td', {}, `${j.attempts} / ${j.maxAttempts}`),
        h('td', {}, time(j.createdAt)), h('td', {}, time(j.finishedAt))))));
    const last = Math.min(result.total, offset + result.jobs.length);
    pager.replaceChildren(
      h('button', { type: 'button', disabled: offset === 0, onclick: () => go({ offset: String(Math.max(0, offset - PAGE)) }) }, 'Newer'),
      h('span', {}, result.total ? ` ${offset + 1}–${last} of ${result.total} ` : ' no jobs '),
      h('button', { type: 'button', disabled: last >= result.total, onclick: () => go({ offset: String(offset + PAGE) }) }, 'Older'));
  });
  return page;
}
