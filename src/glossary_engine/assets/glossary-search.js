// The glossary's search, in Material's search dialog. Nothing is downloaded until the reader focuses
// the search box; then each query fetches only the index shards of its words and the result rows it
// shows (see render/search.py, which writes the files and folds, splits and stems words as here).
// Exact titles and aliases come first, then the best scored: names far above definitions, prose last.
// A word the index lacks is matched to one within one or two edits in the same shard ("hyperparmeter").
(() => {
  const config = document.getElementById("__config");
  const toggle = document.getElementById("__search");
  const input = document.querySelector(".md-search__input");
  const form = input?.form;
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  if (!config || !toggle || !input || !form || !meta || !list) return;
  const settings = JSON.parse(config.textContent);
  const base = new URL(settings.base.replace(/\/?$/, "/"), location);
  const say = (key, fallback) => settings.translations?.[key] ?? fallback;
  const SHOWN = 10;
  const STOP = new Set(
    "a an and are as at be by for from in is it its of on or that the this to was were with".split(" "),
  );
  const KINDS = { t: "Glossary term", c: "Cluster", p: "Learning path", g: "Page" };

  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const stem = (word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
  const words = (text) => (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)).map(stem);
  const name = (text) => words(text).join(" ");
  const shardFile = (key) =>
    /^[a-z0-9]+$/.test(key)
      ? key
      : "x" + [...new TextEncoder().encode(key)].map((b) => b.toString(16).padStart(2, "0")).join("");

  const cache = new Map();
  const json = (path) => {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, base)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status)))));
    }
    return cache.get(path);
  };
  const manifest = () => json("search/index.json").then((m) => ({ ...m, keys: new Set(m.shards) }));
  // A shard as a Map, so a word such as "constructor" never finds an object's own properties.
  const shards = new Map();
  const shard = async (key) => {
    const { keys } = await manifest();
    if (!keys.has(key)) return new Map();
    if (!shards.has(key)) shards.set(key, json(`search/words/${shardFile(key)}.json`).then((o) => new Map(Object.entries(o))));
    return shards.get(key);
  };
  const rows = async (ids) => {
    const { per } = await manifest();
    const blocks = await Promise.all([...new Set(ids.map((id) => Math.floor(id / per)))].map((n) => json(`search/docs/${n}.json`).then((r) => [n, r])));
    const byBlock = new Map(blocks);
    return ids.map((id) => byBlock.get(Math.floor(id / per))[id % per]);
  };

  // Damerau-Levenshtein distance, given up once it exceeds `limit`.
  const distance = (a, b, limit) => {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  };

  // The documents one query word finds, with scores: the word itself; while typing, the words it
  // starts; failing both, the words within one edit (two from eight letters on).
  const matches = async (word, typing) => {
    const table = await shard(word.slice(0, 2));
    const found = new Map();
    const take = (postings, factor) => {
      for (let i = 0; i < postings.length; i += 2) {
        const score = postings[i + 1] * factor;
        if ((found.get(postings[i]) ?? 0) < score) found.set(postings[i], score);
      }
    };
    if (table.has(word)) take(table.get(word), 1);
    if (typing && word.length >= 2) for (const [other, postings] of table) if (other !== word && other.startsWith(word)) take(postings, 0.9);
    if (found.size === 0 && word.length >= 4) {
      const limit = word.length >= 8 ? 2 : 1;
      for (const [other, postings] of table) if (distance(word, other, limit) <= limit) take(postings, 0.5);
    }
    return found;
  };

  const search = async (query) => {
    const wanted = words(query);
    if (wanted.length === 0 || wanted.join("").length < 2) return [];
    const typing = !/\s$/.test(query);
    const found = await Promise.all(wanted.map((w, i) => matches(w, typing && i === wanted.length - 1)));
    const total = new Map();
    for (const one of found) for (const [doc, score] of one) total.set(doc, (total.get(doc) ?? 0) + score);
    // Every word if any entry has them all; else whatever matches most.
    const all = [...total.keys()].filter((doc) => found.every((one) => one.has(doc)));
    const ranked = (all.length ? all : [...total.keys()]).sort((a, b) => total.get(b) - total.get(a) || a - b);
    // An exact name scores a whole title or alias, so it is among the best few: fetch rows for those only.
    const candidates = ranked.slice(0, SHOWN);
    const shown = await rows(candidates);
    const typed = name(query);
    const exact = (row) => [row[1], ...(row[4] ?? [])].some((n) => name(n) === typed);
    const results = candidates.map((id, i) => ({ row: shown[i], exact: exact(shown[i]), score: total.get(id) }));
    results.sort((a, b) => b.exact - a.exact);
    return { count: ranked.length, results };
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const item = ({ row: [kind, title, url, summary, aliases], exact }) => {
    const li = element("li", exact ? "md-search-result__item gl-best-match" : "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = new URL(url, base).href;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("h1", "", title));
    const note = aliases?.length ? `${KINDS[kind]} · also ${aliases.join(", ")}` : KINDS[kind];
    article.append(element("p", "gl-search-kind", note), element("p", "", summary));
    link.append(article);
    li.append(link);
    return li;
  };

  let latest = 0;
  const render = async () => {
    const query = input.value;
    const ticket = ++latest;
    if (!query.trim()) {
      meta.textContent = say("search.result.placeholder", "Type to start searching");
      list.replaceChildren();
      return;
    }
    let outcome;
    try {
      outcome = await search(query);
    } catch {
      outcome = { count: 0, results: [] };
    }
    if (ticket !== latest) return; // a later keystroke has its own results coming
    const { count = 0, results = [] } = outcome;
    meta.textContent =
      count === 0
        ? say("search.result.none", "No matching documents")
        : count === 1
          ? say("search.result.one", "1 matching document")
          : say("search.result.other", "# matching documents").replace("#", count.toLocaleString("en"));
    list.replaceChildren(...results.map(item));
    list.dataset.query = query; // which query the list shows (tests wait for theirs)
  };

  input.addEventListener("focus", () => {
    toggle.checked = true;
    manifest().catch(() => {});
  });
  input.addEventListener("input", render);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => setTimeout(() => (render(), input.focus())));
  toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      list.querySelector("a")?.focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (at < 0 || !["ArrowDown", "ArrowUp"].includes(event.key)) return;
    event.preventDefault();
    (event.key === "ArrowDown" ? links[at + 1] : (links[at - 1] ?? input))?.focus();
  });
  // "/", "s" or "f" opens search, as in Material, unless the reader is typing somewhere.
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || toggle.checked) return;
    if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
})();
