// Overview: jobs by state, throughput over the last hour, backlog per task, hosts, backbone, batch sizes. Polled every 2 s.
import { api, poll } from './app.js';
import { h, s, age, badge, table, states } from './dom.js';

export async function overviewPage() {
  const counts = h('ul', { class: 'counts', 'aria-label': 'Jobs by state' });
  const chart = h('div', { class: 'chart' });
  const backlog = h('div');
  const hosts = h('div');
  const backbone = h('p', { id: 'backbone' });
  const batches = h('div', { class: 'chart' });
  const updated = h('p', { class: 'muted', id: 'updated' });
  const page = h('section', { 'aria-labelledby': 'overview-title' },
    h('h1', { id: 'overview-title' }, 'Overview'), updated,
    h('h2', {}, 'Jobs by state'), counts,
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, 'Last hour'), chart),
      h('section', { class: 'card' }, h('h2', {}, 'Backbone'), backbone, h('h3', {}, 'Batch sizes'), batches)),
    h('h2', {}, 'Queue by task'), backlog,
    h('h2', {}, 'Hosts'), hosts);
  await poll(2000, async () => {
    const o = await api('api/overview');
    const now = new Date(o.generatedAt).getTime();
    updated.textContent = `Updated ${new Date(o.generatedAt).toLocaleTimeString()}`;
    counts.replaceChildren(...states.map(state =>
      h('li', { class: 'count', 'data-state': state },
        h('a', { href: `#/jobs?state=${state}` }, h('span', { class: 'number', 'data-count': state }, String(o.counts[state] ?? 0)), ' ', badge(state)))));
    chart.replaceChildren(...throughputChart(o.throughput, now));
    backlog.replaceChildren(table('Queued and running jobs per task', ['Task', 'Queued', 'Running', 'Oldest queued'],
      o.backlog.map(b => h('tr', {}, h('td', {}, b.task), h('td', {}, b.queued), h('td', {}, b.running),
        h('td', {}, b.oldestQueuedAt ? `${age(b.oldestQueuedAt, now)} ago` : '–')))));
    hosts.replaceChildren(table('Workers: this host and every live host of the queue', ['Worker', 'Slots', 'Running', 'Tasks'],
      o.hosts.map(x => h('tr', {}, h('td', {}, x.id, x.thisHost ? ' (this host)' : ''), h('td', {}, x.slots ?? '–'),
        h('td', {}, x.running), h('td', {}, x.tasks ? x.tasks.join(', ') : '–')))));
    backbone.replaceChildren(...(o.backbone.error
      ? [h('span', { class: 'error' }, `Not loaded: ${o.backbone.error}`)]
      : [h('strong', {}, o.backbone.model), ' on ', h('strong', { 'data-provider': o.backbone.executionProvider }, o.backbone.executionProvider)]));
    batches.replaceChildren(batchChart(o.batchSizes));
  });
  return page;
}

function throughputChart(buckets, now) {
  const slots = 12;
  const size = 5 * 60 * 1000;
  const first = Math.floor(now / size) * size - (slots - 1) * size;
  const bars = Array.from({ length: slots }, (_, i) => {
    const start = first + i * size;
    const bucket = buckets.find(b => new Date(b.start).getTime() === start);
    return { start, succeeded: bucket?.succeeded ?? 0, failed: bucket?.failed ?? 0 };
  });
  const max = Math.max(1, ...bars.map(b => b.succeeded + b.failed));
  const total = bars.reduce((sum, b) => ({ ok: sum.ok + b.succeeded, bad: sum.bad + b.failed }), { ok: 0, bad: 0 });
  const width = 24;
  const svg = s('svg', { viewBox: `0 0 ${slots * width} 100`, role: 'img', class: 'bars',
    'aria-label': `Last hour: ${total.ok} succeeded, ${total.bad} failed or dead, in 5-minute bars` },
    bars.map((b, i) => {
      const ok = (b.succeeded / max) * 90;
      const bad = (b.failed / max) * 90;
      return s('g', {},
        s('title', {}, `${new Date(b.start).toLocaleTimeString()}: ${b.succeeded} succeeded, ${b.failed} failed`),
        s('rect', { x: i * width + 3, y: 100 - ok, width: width - 6, height: ok, class: 'ok' }),
        s('rect', { x: i * width + 3, y: 100 - ok - bad, width: width - 6, height: bad, class: 'bad' }));
    }));
  return [svg, h('p', { class: 'legend' }, h('span', { class: 'key ok' }), `${total.ok} succeeded `, h('span', { class: 'key bad' }), `${total.bad} failed or dead`)];
}

function batchChart(buckets) {
  const max = Math.max(1, ...buckets.map(b => b.count));
  const width = 30;
  const svg = s('svg', { viewBox: `0 0 ${buckets.length * width} 112`, role: 'img', class: 'bars',
    'aria-label': 'Encoder runs by batch size: ' + buckets.map(b => `${label(b)}: ${b.count}`).join(', ') },
    buckets.map((b, i) => {
      const height = (b.count / max) * 86;
      return s('g', {},
        s('title', {}, `batch ${label(b)}: ${b.count} runs`),
        s('rect', { x: i * width + 4, y: 92 - height, width: width - 8, height, class: 'ok' }),
        s('text', { x: i * width + width / 2, y: 108, 'text-anchor': 'middle' }, label(b)));
    }));
  return svg;
}

function label(bucket) {
  return bucket.le === null || bucket.le === undefined ? '>128' : `≤${bucket.le}`;
}
