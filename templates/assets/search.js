// Search over the Pagefind index built with the site: a few shards, listed in pagefind/shards.json,
// which Pagefind merges into one search. Results are built with textContent; of Pagefind's excerpt
// HTML only <mark> survives. Works from any folder: paths are relative to this script.
const root = new URL('../', import.meta.url);
const form = document.getElementById('search-form');
const input = document.getElementById('q');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const selects = [...form.querySelectorAll('select[data-filter]')];

// Listen at once: a reader may type before the index has loaded; the first run after loading catches up.
let ready = false;
let timer;
// Declared before the first await: a search the reader starts while the filters load runs at once.
let latest = 0;
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 150);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});

const shards = await fetch(new URL('pagefind/shards.json', root))
  .then((r) => (r.ok ? r.json() : []))
  .catch(() => []);
const pagefind = shards.length ? await import(new URL(`pagefind/${shards[0]}/pagefind.js`, root).href).catch(() => null) : null;
if (!pagefind) {
  // Built with --no-search, or the index failed: say so rather than fail silently.
  status.textContent = 'Search is not available on this copy of the site. Browse the archive or the tags instead.';
  throw new Error('no search index at pagefind/shards.json');
}
await pagefind.options({ baseUrl: root.pathname });
// The other shards load side by side: one after another, each cost the reader its own round trips.
await Promise.all(shards.slice(1).map((shard) => pagefind.mergeIndex(new URL(`pagefind/${shard}/`, root).pathname, { baseUrl: root.pathname })));
ready = true;

const available = await pagefind.filters();
const params = new URLSearchParams(location.search);
for (const select of selects) {
  const values = Object.entries(available[select.dataset.filter] ?? {});
  values.sort((a, b) => (select.dataset.filter === 'year' ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0])));
  for (const [value, count] of values) select.append(new Option(`${value} (${count})`, value));
  if (params.has(select.name)) select.value = params.get(select.name);
}
if (params.has('q') && !input.value) input.value = params.get('q');

async function run() {
  if (!ready) return;
  const term = input.value.trim();
  const filters = Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.dataset.filter, s.value]));
  const query = new URLSearchParams({ ...(term ? { q: term } : {}), ...Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, s.value])) });
  history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
  const ticket = ++latest;
  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  const search = await pagefind.search(term || null, { filters });
  const results = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
  if (ticket !== latest) return;
  status.textContent = `${search.results.length} ${search.results.length === 1 ? 'story' : 'stories'} found${search.results.length > 50 ? ', first 50 shown' : ''}.`;
  list.replaceChildren(...results.map(renderResult));
}

function renderResult(data) {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = data.meta.date ?? '';
  const excerpt = document.createElement('p');
  excerpt.innerHTML = withoutHeadline(data.excerpt, data.meta.title ?? '').replace(/<(?!\/?mark>)/g, '&lt;');
  item.append(heading, meta, excerpt);
  return item;
}

/**
 * The excerpt without the headline words it may begin with. The index holds each story as its
 * headline, then its text, and Pagefind cuts the excerpt around the best match: near the start it
 * opens with the end of the headline, already shown above it. Those leading words are the last
 * words of the headline, in order; they are dropped, as long as some text is left.
 */
function withoutHeadline(excerpt, title) {
  const tokens = excerpt.split(/\s+/).filter(Boolean);
  const headline = title.split(/\s+/).filter(Boolean).map(plainWord);
  const words = tokens.map(plainWord);
  for (let k = Math.min(headline.length, words.length - 1); k > 0; k--) {
    if (words.slice(0, k).every((word, i) => word === headline[headline.length - k + i])) return tokens.slice(k).join(' ');
  }
  return excerpt;
}

/** A word of the excerpt or headline as compared: without <mark>, entities decoded, lower case. */
function plainWord(token) {
  const text = token.replace(/<\/?mark>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]);
  return text.toLowerCase();
}

run();
