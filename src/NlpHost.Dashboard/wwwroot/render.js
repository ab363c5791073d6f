// Results for people: each shipped task drawn over its own input; any other task as pretty-printed JSON.
import { api } from './app.js';
import { h, s, json } from './dom.js';

export async function renderResult(task, input, result) {
  const draw = { summarize, qa, spellcheck, translate, cluster }[task];
  let view = null;
  try {
    view = draw ? await draw(input, result) : null;
  } catch (e) {
    view = h('p', { class: 'error' }, `Could not draw this result (${e.message}); its JSON follows.`);
  }
  return h('div', { class: 'result', 'data-task': task }, view,
    h('details', { class: 'raw', open: draw ? null : true }, h('summary', {}, 'JSON'), json(result)));
}

/** The text with [start, start+length) spans wrapped by wrap(span, text); spans must not overlap. */
function spans(text, list, wrap) {
  const out = [];
  let at = 0;
  for (const span of [...list].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out.push(text.slice(at, span.start), wrap(span, text.slice(span.start, span.start + span.length)));
    at = span.start + span.length;
  }
  out.push(text.slice(at));
  return out;
}

function summarize(input, result) {
  const ranked = [...result.sentences].sort((a, b) => b.score - a.score);
  const rank = new Map(ranked.map((x, i) => [x.start, i + 1]));
  return h('div', { class: 'summary' },
    h('h3', {}, 'Summary'), h('p', { class: 'summary-text' }, result.summary),
    h('p', { class: 'muted' }, `${result.sentences.length} of ${result.sentencesInDocument ?? '?'} sentences, scored by ${result.scorer ?? 'the plugin'}.`),
    h('h3', {}, 'In the document'),
    h('div', { class: 'document' }, input.title ? h('h4', {}, input.title) : null,
      spans(input.text, result.sentences, (x, text) => h('mark', { class: 'picked', title: `score ${x.score.toFixed(3)}, rank ${rank.get(x.start)}` },
        text, h('sup', { class: 'score' }, x.score.toFixed(2))))));
}

function qa(input, result) {
  const answers = result.answers ?? [];
  const list = answers.length
    ? h('ol', { class: 'answers' }, answers.map(a => h('li', {}, h('strong', {}, a.text), ` (score ${a.score.toFixed(3)}${a.document !== undefined && a.document !== null ? `, document ${a.document + 1}` : ''})`)))
    : null;
  const noAnswer = result.noAnswer || !answers.length
    ? h('p', { class: 'no-answer', role: 'note' }, 'No answer: nothing in the text scored above the threshold.') : null;
  const texts = input.context !== undefined && input.context !== null ? [input.context] : (input.documents ?? []);
  const contexts = texts.map((text, d) => {
    const mine = answers.map((a, i) => ({ ...a, rank: i })).filter(a => (a.document ?? 0) === d);
    return h('div', { class: 'document' }, texts.length > 1 ? h('h4', {}, `Document ${d + 1}`) : null,
      spans(text, mine, (a, t) => h('mark', { class: a.rank === 0 ? 'answer best' : 'answer', title: `answer ${a.rank + 1}, score ${a.score.toFixed(3)}` }, t)));
  });
  return h('div', { class: 'qa' }, h('h3', {}, input.question), noAnswer, list, h('h3', {}, 'In the text'), contexts);
}

function spellcheck(input, result) {
  let n = 0;
  return h('div', { class: 'spelling' },
    h('p', { class: 'muted' }, `${result.corrections.length} correction(s). Hover or focus a correction for its alternatives.`),
    h('div', { class: 'document' }, spans(input.text, result.corrections, c => {
      const tip = `spell-tip-${n++}`;
      return h('span', { class: 'correction', tabindex: 0, 'aria-describedby': tip },
        h('del', {}, c.original), ' ', h('ins', {}, c.replacement),
        h('span', { class: 'tip', role: 'tooltip', id: tip },
          `confidence ${c.confidence.toFixed(2)}; alternatives: ${c.alternatives.length ? c.alternatives.join(', ') : 'none'}`));
    })),
    h('h3', {}, 'Corrected text'), h('p', { class: 'document' }, result.text));
}

function translate(input, result) {
  const truncated = result.sentences.filter(x => x.truncated || x.warning).length;
  return h('div', { class: 'translation' },
    truncated ? h('p', { class: 'warning', role: 'note' }, `${truncated} sentence(s) were too long and only partly translated.`) : null,
    h('div', { class: 'scroll' }, h('table', { class: 'side-by-side' },
      h('caption', {}, 'Each source sentence beside its translation'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Translation'))),
      h('tbody', {}, result.sentences.map(x => h('tr', { class: x.truncated ? 'truncated' : null },
        h('td', {}, input.text.slice(x.sourceStart, x.sourceStart + x.sourceLength)),
        h('td', {}, x.translation, x.warning || x.truncated ? h('p', { class: 'warning' }, '⚠ ', x.warning ?? 'truncated') : null)))))));
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

async function cluster(input, result) {
  const texts = new Map((input.documents ?? []).map(d => [d.id, d.text]));
  const clusterOf = new Map();
  result.clusters.forEach((c, i) => c.members.forEach(m => clusterOf.set(m, i)));
  const list = h('ol', { class: 'clusters' }, result.clusters.map((c, i) => h('li', { class: 'card cluster' },
    h('h4', {}, h('span', { class: 'swatch', style: null, 'data-color': i % palette.length }), `${c.label} `, h('span', { class: 'muted' }, `(${c.size})`)),
    h('p', {}, 'Representatives: ', c.representatives.map(r => h('q', { title: texts.get(r) ?? '' }, r)).flatMap((x, j) => j ? [', ', x] : [x])),
    h('details', {}, h('summary', {}, `${c.members.length} members`),
      h('ul', {}, c.members.map(m => h('li', {}, h('strong', {}, m), texts.has(m) ? `: ${snippet(texts.get(m))}` : '')))))));
  const outliers = result.outliers?.length ? h('p', {}, `Outliers: ${result.outliers.join(', ')}`) : null;
  const map = h('figure', { class: 'map', id: 'cluster-map' }, h('p', { class: 'muted' }, 'Placing documents…'));
  drawMap(map, input.documents ?? [], clusterOf, result.clusters);
  return h('div', { class: 'clustering' },
    h('p', { class: 'muted' }, `${result.clusters.length} clusters (k = ${result.k}${result.silhouette !== undefined && result.silhouette !== null ? `, silhouette ${result.silhouette.toFixed(3)}` : ''}).`),
    map, list, outliers);
}

function snippet(text) {
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

async function drawMap(figure, documents, clusterOf, clusters) {
  if (!documents.length) {
    figure.replaceChildren();
    return;
  }
  let points;
  try {
    points = await api('api/map', { method: 'POST', body: { documents: documents.map(d => ({ id: d.id, text: d.text })) } });
  } catch (e) {
    figure.replaceChildren(h('p', { class: 'muted' }, `No map: ${e.message}`));
    return;
  }
  const xs = points.map(p => p.x);
  const ys = points.map(p => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (v, a, b) => (b - a < 1e-9 ? 0.5 : (v - a) / (b - a)) * 380 + 10;
  figure.replaceChildren(
    s('svg', { viewBox: '0 0 400 400', role: 'img', 'aria-label': `Map of ${points.length} documents coloured by cluster (first two principal components of their embeddings)` },
      s('rect', { x: 0, y: 0, width: 400, height: 400, class: 'map-bg' }),
      points.map(p => {
        const c = clusterOf.get(p.id);
        return s('circle', { cx: scale(p.x, x0, x1), cy: 400 - scale(p.y, y0, y1), r: 6, fill: c === undefined ? '#999' : palette[c % palette.length], class: 'point', 'data-cluster': c ?? 'outlier' },
          s('title', {}, `${p.id}${c === undefined ? ' (outlier)' : `: ${clusters[c].label}`}`));
      })),
    h('figcaption', {}, 'Documents placed by the first two principal components of their embeddings; colour = cluster.'));
}
