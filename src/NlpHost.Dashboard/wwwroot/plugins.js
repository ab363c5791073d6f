// Plugins: every plugin folder, its tasks, versions and heads, and why any failed to load.
import { api } from './app.js';
import { h } from './dom.js';

export async function pluginsPage() {
  const plugins = await api('api/plugins');
  return h('section', { 'aria-labelledby': 'plugins-title' },
    h('h1', { id: 'plugins-title' }, 'Plugins'),
    h('ul', { class: 'plugins' }, plugins.map(p =>
      h('li', { class: `card plugin plugin-${p.state}`, 'data-plugin': p.name },
        h('h2', {}, p.name, ' ', h('span', { class: `badge plugin-state-${p.state}` }, p.state)),
        p.error ? h('p', { class: 'error', 'data-plugin-error': p.name }, p.error) : null,
        p.tasks.map(t => h('div', { class: 'task' },
          h('h3', {}, h('a', { href: `#/try/${encodeURIComponent(t.name)}` }, t.name), ` ${t.version}`),
          h('p', {}, t.description),
          t.heads.length ? h('ul', { class: 'heads', 'aria-label': `Heads of ${t.name}` }, t.heads.map(head =>
            h('li', {}, h('strong', {}, head.name), ': ',
              head.found ? h('span', { class: 'ok' }, 'found') : h('span', { class: head.required ? 'error' : 'muted' }, head.required ? 'missing (required)' : 'missing (optional)'),
              ' ', h('code', {}, head.path), head.found ? null : h('p', { class: 'muted' }, head.howToGet)))) : h('p', { class: 'muted' }, 'No heads.')))))));
}
