// Try a task: a form generated from the task's input and options schemas (its contract), submitted as a job or run now.
import { api, navigate, currentView } from './app.js';
import { h } from './dom.js';
import { renderResult } from './render.js';

export async function tryPage(name) {
  const forms = await api('api/tasks');
  const form = forms.find(f => f.name === name) ?? forms[0];
  const picker = h('nav', { class: 'tasks', 'aria-label': 'Tasks' }, forms.map(f =>
    h('a', { href: `#/try/${encodeURIComponent(f.name)}`, 'aria-current': f === form ? 'page' : null }, f.name)));
  if (!form) return h('section', {}, h('h1', {}, 'Try a task'), h('p', {}, 'No tasks are served.'));
  const inputFields = fields(form.input, 'input', true);
  const optionFields = fields(form.options, 'option', false);
  const problem = h('p', { class: 'error', role: 'alert', id: 'try-error' });
  const output = h('section', { id: 'run-result', 'aria-live': 'polite' });
  const collect = () => ({ task: form.name, input: values(inputFields, true), options: values(optionFields, false) });
  const submit = async (event, sync) => {
    event.preventDefault();
    problem.textContent = '';
    let body;
    try {
      body = collect();
    } catch (e) {
      problem.textContent = e.message;
      return;
    }
    const view = currentView();
    try {
      if (sync) {
        output.replaceChildren(h('p', {}, 'Running…'));
        const result = await api(`/v1/tasks/${encodeURIComponent(form.name)}/run`, { method: 'POST', body: { input: body.input, options: body.options } });
        if (view === currentView()) output.replaceChildren(h('h2', {}, 'Result'), await renderResult(form.name, body.input, result));
      } else {
        const submitted = await api('/v1/jobs', { method: 'POST', body });
        navigate(`#/jobs/${submitted.id}`);
      }
    } catch (e) {
      output.replaceChildren();
      if (e.status !== 401) problem.textContent = e.message;
    }
  };
  return h('section', { 'aria-labelledby': 'try-title' },
    h('h1', { id: 'try-title' }, 'Try a task'), picker,
    h('form', { class: 'card try', id: 'try-form', onsubmit: e => submit(e, false) },
      h('h2', {}, form.name, ' ', h('span', { class: 'muted' }, form.version)), h('p', {}, form.description),
      h('fieldset', {}, h('legend', {}, 'Input'), inputFields.map(f => f.element)),
      optionFields.length ? h('fieldset', {}, h('legend', {}, 'Options'), optionFields.map(f => f.element)) : null,
      problem,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', id: 'submit-job' }, 'Submit as job'),
        h('button', { type: 'button', id: 'run-now', onclick: e => submit(e, true) }, 'Run now (small inputs)'))),
    output);
}

function fields(schema, prefix, isInput) {
  const properties = schema?.properties ?? {};
  const required = new Set(schema?.required ?? []);
  return Object.entries(properties).map(([name, property]) => field(name, property, `${prefix}-${name}`, isInput, required.has(name)));
}

function types(property) {
  return [].concat(property.type ?? []);
}

function field(name, property, id, isInput, required) {
  const kinds = types(property);
  const nullable = kinds.includes('null');
  const label = name.replace(/([A-Z])/g, ' $1').replace(/^./, c => c.toUpperCase());
  const hint = [property.default !== undefined && property.default !== null ? `default ${JSON.stringify(property.default)}` : null,
    property.minimum !== undefined ? `min ${property.minimum}` : null, property.maximum !== undefined ? `max ${property.maximum}` : null,
    nullable && !isInput ? 'optional' : null].filter(Boolean).join(', ');
  const hintId = `${id}-hint`;
  const wrap = (control, extra) => h('div', { class: 'field' },
    h('label', { for: id }, label), control, hint ? h('small', { id: hintId }, hint) : null, extra ?? null);
  const common = { id, name, 'aria-describedby': hint ? hintId : null };
  if (property.enum) {
    const select = h('select', common, nullable ? h('option', { value: '' }, '(default)') : null,
      property.enum.filter(v => v !== null).map(v => h('option', { value: v, selected: v === property.default }, v)));
    return { name, element: wrap(select), read: () => select.value || undefined, initial: property.default };
  }
  if (kinds.includes('boolean')) {
    const box = h('input', { ...common, type: 'checkbox', checked: property.default === true });
    return { name, element: h('div', { class: 'field check' }, box, h('label', { for: id }, label), hint ? h('small', { id: hintId }, hint) : null),
      read: () => box.checked, initial: property.default ?? false };
  }
  if (kinds.includes('integer') || kinds.includes('number')) {
    const input = h('input', { ...common, type: 'number', step: kinds.includes('integer') ? 1 : 'any', min: property.minimum, max: property.maximum,
      value: property.default ?? '' });
    return { name, element: wrap(input), read: () => input.value === '' ? undefined : Number(input.value), initial: property.default ?? undefined };
  }
  if (kinds.includes('array') && types(property.items ?? {}).includes('object')) {
    return documentsField(name, id, label, property.items, common);
  }
  if (kinds.includes('array')) {
    const area = h('textarea', { ...common, rows: 4 });
    return { name, element: wrap(area, h('small', {}, 'One per line; blank = none.')),
      read: () => { const lines = area.value.split('\n').map(x => x.trim()).filter(Boolean); return lines.length ? lines : undefined; } };
  }
  if (kinds.includes('string')) {
    if (!isInput) {
      const input = h('input', { ...common, type: 'text', value: property.default ?? '' });
      return { name, element: wrap(input), read: () => input.value || undefined, initial: property.default ?? undefined };
    }
    const long = ['text', 'context'].includes(name);
    const area = h(long ? 'textarea' : 'input', { ...common, rows: long ? 10 : null, type: long ? null : 'text', required: required || (!nullable && !long ? true : null) });
    const upload = long ? fileInput(`${id}-file`, `${label} from a file (.txt, .md)`, '.txt,.md,text/plain,text/markdown', text => { area.value = text; }) : null;
    return { name, element: wrap(area, upload), read: () => area.value === '' ? undefined : area.value };
  }
  const area = h('textarea', { ...common, rows: 3, spellcheck: 'false' });
  return { name, element: wrap(area, h('small', {}, 'JSON')), read: () => area.value.trim() ? JSON.parse(area.value) : undefined };
}

// An array of objects (cluster's documents): JSON Lines, typed or uploaded; a plain line becomes {id: its number, text}.
function documentsField(name, id, label, items, common) {
  const keys = Object.keys(items?.properties ?? {});
  const area = h('textarea', { ...common, rows: 8, spellcheck: 'false', placeholder: keys.includes('id') ? '{"id":"a","text":"…"}\n{"id":"b","text":"…"}' : null });
  const upload = fileInput(`${id}-file`, `${label} from a file (.jsonl, .json, .txt)`, '.jsonl,.json,.txt,.md', text => {
    area.value = text.trim().startsWith('[') ? JSON.parse(text).map(x => JSON.stringify(x)).join('\n') : text;
  });
  const read = () => {
    const lines = area.value.split('\n').map(x => x.trim()).filter(Boolean);
    if (!lines.length) return undefined;
    return lines.map((line, i) => {
      if (line.startsWith('{')) {
        try {
          return JSON.parse(line);
        } catch (e) {
          throw new Error(`${label}, line ${i + 1}: ${e.message}`);
        }
      }
      return { id: String(i + 1), text: line };
    });
  };
  return { name, element: h('div', { class: 'field' }, h('label', { for: id }, label), area,
    h('small', {}, 'JSON Lines: one object per line; a line of plain text is a document numbered by its line.'), upload), read };
}

function fileInput(id, label, accept, load) {
  const input = h('input', { id, type: 'file', accept });
  input.addEventListener('change', async () => {
    if (input.files?.[0]) load(await input.files[0].text());
  });
  return h('div', { class: 'upload' }, h('label', { for: id }, label), input);
}

function values(list, isInput) {
  const result = {};
  for (const f of list) {
    const value = f.read();
    if (value === undefined) continue;
    // Options equal to their default are left out: the plugin's own default then applies, as from the API.
    if (!isInput && JSON.stringify(value) === JSON.stringify(f.initial)) continue;
    result[f.name] = value;
  }
  return result;
}
