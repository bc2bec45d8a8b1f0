// Pins the glossary term whose title or alias is exactly what the reader typed above Material's
// search results. Material's search matches prefixes, so rarer longer words ("parameterized") can
// outrank the term itself ("parameter"); a reader who types a term's name expects that term first.
// The table of names (assets/glossary-names.json) is fetched once, on first use of the search box.
(() => {
  const config = document.getElementById("__config");
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  if (!config || !input || !list) return;
  const base = new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location);
  let table = null;
  const load = () =>
    (table ??= fetch(new URL("assets/glossary-names.json", base))
      .then((response) => response.json())
      .catch(() => ({ terms: [], names: {} })));

  const render = async () => {
    const { terms, names } = await load();
    const typed = input.value.trim().replace(/\s+/g, " ").toLowerCase();
    // Own properties only: "constructor" or "__proto__" typed into the box names no term.
    const lookup = (name) => (Object.hasOwn(names, name) ? names[name] : undefined);
    const found = lookup(typed) ?? (typed.endsWith("s") ? lookup(typed.slice(0, -1)) : undefined);
    const pinned = list.querySelector(".gl-best-match");
    const href = found === undefined ? null : new URL(terms[found][1], base).href;
    if (pinned && pinned.firstChild.href === href) return;
    pinned?.remove();
    if (href === null) return;
    const item = document.createElement("li");
    item.className = "md-search-result__item gl-best-match";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = terms[found][0];
    const note = document.createElement("p");
    note.textContent = "Glossary term";
    article.append(title, note);
    link.append(article);
    item.append(link);
    list.prepend(item);
  };

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", render);
  // Material redraws the list as results arrive; put the pinned term back on top each time.
  new MutationObserver(() => {
    if (input.value.trim() && list.firstElementChild?.classList.contains("gl-best-match") !== true) render();
  }).observe(list, { childList: true });
})();
