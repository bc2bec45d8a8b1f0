// Definitions from this glossary on any other page. Include this file from the glossary's site:
//   <script src="https://GLOSSARY/assets/glossary-embed.js" defer></script>
// Then <a data-glossary-term="parameter">parameters</a>, or any link to a term page of the glossary,
// shows the term's title and one-line definition on hover, on keyboard focus and on a first tap;
// Escape, a tap elsewhere or moving away closes it. A data-glossary-term link without an href gets the
// term's page as its href. Definitions come from the glossary's static API,
// api/v1/terms/<slug>.json beside this script's folder (the host must allow cross-origin reads:
// Access-Control-Allow-Origin), and are shown as text, never as HTML. No other request is made.
(() => {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const root = new URL(script.dataset.glossaryBase || "../", script.src);
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const TERM_PAGE = /^terms\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:index\.html)?$/;
  const definitions = new Map();
  const definition = (slug) => {
    if (!definitions.has(slug)) {
      const url = new URL(`api/v1/terms/${slug}.json`, root);
      definitions.set(
        slug,
        fetch(url, { credentials: "omit" }).then((response) => {
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          return response.json();
        }),
      );
    }
    return definitions.get(slug);
  };

  const slugOf = (element) => {
    const named = element.getAttribute("data-glossary-term");
    if (named !== null) return SLUG.test(named) ? named : null;
    const href = element.tagName === "A" ? element.getAttribute("href") : null;
    if (!href) return null;
    const url = new URL(href, document.baseURI);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    return TERM_PAGE.exec(url.pathname.slice(root.pathname.length))?.[1] ?? null;
  };
  const termElement = (node) => {
    const element = node instanceof Element ? node.closest("[data-glossary-term], a[href]") : null;
    return element && slugOf(element) ? element : null;
  };

  for (const element of document.querySelectorAll("[data-glossary-term]")) {
    const slug = slugOf(element);
    if (!slug) continue;
    if (element.tagName === "A" && !element.hasAttribute("href")) {
      element.setAttribute("href", new URL(`terms/${slug}/`, root).href);
    } else if (element.tagName !== "A" && !element.hasAttribute("tabindex")) {
      element.tabIndex = 0; // reachable by keyboard, to show its definition on focus
    }
  }

  const box = document.createElement("div");
  box.id = `glossary-definition-${Math.random().toString(36).slice(2)}`;
  box.setAttribute("role", "tooltip");
  box.hidden = true;
  Object.assign(box.style, {
    position: "absolute",
    zIndex: "2147483000",
    boxSizing: "border-box",
    maxWidth: "min(22rem, calc(100vw - 16px))",
    padding: "0.5em 0.75em",
    background: "#ffffff",
    color: "#1a1a1a",
    border: "1px solid #6b6b6b",
    borderRadius: "4px",
    boxShadow: "0 2px 8px rgba(0, 0, 0, 0.25)",
    font: "14px/1.45 system-ui, sans-serif",
    textAlign: "left",
  });
  const title = document.createElement("strong");
  const short = document.createElement("span");
  const source = document.createElement("span");
  for (const part of [title, short, source]) part.style.display = "block";
  Object.assign(source.style, { marginTop: "0.25em", fontSize: "12px", color: "#4d4d4d" });
  box.append(title, short, source);

  let current = null;
  let timer = 0;
  let touching = false;
  const describe = (element, on) => {
    const ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== box.id);
    if (on) ids.push(box.id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  };
  const place = (element) => {
    const rect = element.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(rect.left, width - box.offsetWidth - 8));
    box.style.left = `${left + window.scrollX}px`;
    box.style.top = `${rect.bottom + window.scrollY + 6}px`;
  };
  const hide = () => {
    clearTimeout(timer);
    box.hidden = true;
    if (current) describe(current, false);
    current = null;
  };
  const hideSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(hide, 300);
  };
  const show = async (element) => {
    clearTimeout(timer);
    if (current && current !== element) hide();
    current = element;
    let term;
    try {
      term = await definition(slugOf(element));
    } catch {
      return;
    }
    if (current !== element) return;
    title.textContent = String(term.title ?? "");
    short.textContent = String(term.short ?? "");
    source.textContent = term.site ? String(term.site) : "";
    if (!box.isConnected) document.body.append(box);
    box.hidden = false;
    describe(element, true);
    place(element);
  };
  const shown = (element) => current === element && !box.hidden;

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    const element = termElement(event.target);
    if (element) show(element);
    else if (box.contains(event.target)) clearTimeout(timer);
    else if (current) hideSoon();
  });
  document.addEventListener(
    "pointerdown",
    (event) => {
      touching = event.pointerType !== "mouse";
      if (current && !box.contains(event.target) && termElement(event.target) !== current) hide();
    },
    true,
  );
  document.addEventListener("focusin", (event) => {
    const element = termElement(event.target);
    if (element && !touching) show(element);
  });
  document.addEventListener("focusout", (event) => {
    if (event.target === current) hideSoon();
  });
  // A first tap shows the definition; a second tap on the same link follows it.
  document.addEventListener("click", (event) => {
    const element = termElement(event.target);
    const wasTouch = touching;
    touching = false;
    if (!element || !wasTouch || shown(element)) return;
    event.preventDefault();
    show(element);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });
  window.addEventListener("resize", () => current && !box.hidden && place(current));
})();
