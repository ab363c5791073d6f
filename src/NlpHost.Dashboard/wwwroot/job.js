// One job: what it is, where it is, its error and its result; cancel, retry, delete, resubmit with edited options.
import { api, poll, navigate, say } from './app.js';
import { h, badge, time, json, finalStates } from './dom.js';
import { renderResult } from './render.js';

export async function jobPage(id) {
  const header = h('div', { class: 'job-header' });
  const facts = h('dl', { class: 'facts' });
  const progress = h('div', { id: 'progress' });
  const error = h('div');
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Actions' });
  const result = h('section', { id: 'result', 'aria-labelledby': 'result-title' });
  const request = h('div');
  const page = h('section', { 'aria-labelledby': 'job-title' }, header, facts, progress, error, actions, result, request);
  let shownResultFor = null;
  let resubmitShown = false;
  await poll(1000, async () => {
    const job = await api(`api/jobs/${encodeURIComponent(id)}`);
    header.replaceChildren(h('h1', { id: 'job-title' }, `${job.task} job `, badge(job.state)), h('p', {}, h('code', { id: 'job-id' }, job.id)));
    facts.replaceChildren(...fact('Attempts', `${job.attempts} of ${job.maxAttempts}`), ...fact('Priority', job.priority),
      ...fact('Lease owner', job.leaseOwner ?? '–'), ...fact('Created', time(job.createdAt)), ...fact('Started', time(job.startedAt)),
      ...fact('Finished', time(job.finishedAt)), ...(job.idempotencyKey ? fact('Idempotency key', job.idempotencyKey) : []),
      ...(job.cancellationRequested ? fact('Cancellation', 'requested') : []));
    progress.replaceChildren(...(job.state === 'running' ? [
      h('label', { for: 'job-progress' }, 'Progress ', job.progress?.message ?? ''),
      h('progress', { id: 'job-progress', max: 1, value: job.progress?.fraction ?? 0 }, `${Math.round((job.progress?.fraction ?? 0) * 100)} %`)] : []));
    error.replaceChildren(...(job.error ? [h('h2', {}, job.state === 'failed' || job.state === 'dead' ? 'Error' : 'Last error'),
      h('pre', { class: 'error', id: 'job-error' }, job.error)] : []));
    actions.replaceChildren(...buttons(job));
    if (job.state === 'succeeded' && shownResultFor !== job.updatedAt) {
      shownResultFor = job.updatedAt;
      result.replaceChildren(h('h2', { id: 'result-title' }, 'Result'), await renderResult(job.task, job.input, job.result));
    } else if (job.state !== 'succeeded') {
      result.replaceChildren();
      shownResultFor = null;
    }
    if (!resubmitShown) {
      resubmitShown = true;
      request.replaceChildren(resubmit(job));
    }
    if (finalStates.includes(job.state) && job.state !== 'failed' && job.state !== 'dead') {
      // Nothing changes a succeeded or cancelled job but a delete; slow the polling down.
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  });
  return page;
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function buttons(job) {
  const act = (label, id, method, path, after) => h('button', { type: 'button', id, onclick: async () => {
    try {
      await api(path, { method });
      say(`${label}: done`);
      after?.();
    } catch (e) {
      if (e.status !== 401) say(`${label} failed: ${e.message}`);
    }
  } }, label);
  const list = [];
  if (job.state === 'queued' || job.state === 'running') list.push(act('Cancel', 'cancel', 'POST', `/v1/jobs/${job.id}/cancel`));
  if (job.state === 'failed' || job.state === 'dead') list.push(act('Retry', 'retry', 'POST', `api/jobs/${job.id}/retry`));
  if (job.state !== 'running') list.push(act('Delete', 'delete', 'DELETE', `api/jobs/${job.id}`, () => navigate('#/jobs')));
  return list;
}

function resubmit(job) {
  const options = h('textarea', { id: 'resubmit-options', rows: 4, spellcheck: 'false' }, JSON.stringify(job.options ?? {}, null, 2));
  const problem = h('p', { class: 'error', role: 'alert' });
  return h('details', { class: 'card', id: 'job-request' },
    h('summary', {}, 'Input, options and resubmit'),
    h('h3', {}, 'Input'), json(job.input),
    h('form', { onsubmit: async e => {
      e.preventDefault();
      let parsed;
      try {
        parsed = JSON.parse(options.value || '{}');
      } catch (err) {
        problem.textContent = `Options are not JSON: ${err.message}`;
        return;
      }
      try {
        const submitted = await api('/v1/jobs', { method: 'POST', body: { task: job.task, input: job.input, options: parsed, priority: job.priority } });
        navigate(`#/jobs/${submitted.id}`);
      } catch (err) {
        if (err.status !== 401) problem.textContent = err.message;
      }
    } },
    h('label', { for: 'resubmit-options' }, 'Options (JSON)'), options, problem,
    h('button', { type: 'submit', id: 'resubmit' }, 'Resubmit with these options')));
}
