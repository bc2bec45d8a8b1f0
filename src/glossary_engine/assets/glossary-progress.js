// "I know this" along the learning paths. What a reader knows is a list of term slugs in this
// browser's localStorage, under a key for this site; it is never sent anywhere. A path page shows how
// far the reader is and where to pick up, and exports or imports the list as a small JSON file.
(() => {
  const anchor = document.querySelector("[data-gl-root]");
  if (!anchor) return;
  const root = new URL(anchor.dataset.glRoot, location.href);
  const KEY = `glossary-known:${root.pathname}`;
  const FORMAT = "glossary-progress";
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const slugs = (list) => (Array.isArray(list) ? list.filter((s) => typeof s === "string" && SLUG.test(s)) : []);
  let kept = []; // where storage is switched off, progress lasts as long as the page
  const load = () => {
    try {
      return new Set(slugs(JSON.parse(localStorage.getItem(KEY) ?? "[]")));
    } catch {
      return new Set(kept);
    }
  };
  const save = () => {
    kept = [...known].sort();
    try {
      localStorage.setItem(KEY, JSON.stringify(kept));
    } catch {
      // storage is off or full: the progress stays for this page only
    }
  };
  let known = load();
  const boxes = [...document.querySelectorAll("input[type=checkbox][data-gl-term]")];
  const message = document.querySelector(".gl-progress .gl-message");
  const say = (text) => {
    if (message) message.textContent = text;
  };
  const count = (element) => {
    const steps = element.dataset.glSteps.split(" ");
    return [steps, steps.filter((slug) => known.has(slug)).length];
  };

  const render = () => {
    for (const box of boxes) box.checked = known.has(box.dataset.glTerm);
    for (const item of document.querySelectorAll("li[data-gl-path]")) {
      const [steps, done] = count(item);
      item.querySelector(".gl-count").textContent = `${done} of ${steps.length} steps known`;
    }
    for (const panel of document.querySelectorAll(".gl-progress[data-gl-steps]")) {
      const [steps, done] = count(panel);
      panel.querySelector(".gl-count").textContent = `You know ${done} of ${steps.length} steps.`;
      panel.querySelector("progress").value = done;
      const pickup = panel.querySelector(".gl-pickup");
      const next = steps.find((slug) => !known.has(slug));
      const box = next && boxes.find((candidate) => candidate.dataset.glTerm === next);
      const step = box && box.closest("li")?.querySelector("a");
      if (step) {
        const link = document.createElement("a");
        link.href = step.href;
        link.textContent = step.textContent;
        pickup.replaceChildren("Pick up at ", link, ".");
      } else {
        pickup.textContent = next ? "" : "You know every step: check yourself below.";
      }
    }
  };

  for (const box of boxes) {
    box.addEventListener("change", () => {
      if (box.checked) known.add(box.dataset.glTerm);
      else known.delete(box.dataset.glTerm);
      save();
      say("");
      render();
    });
  }
  // Another tab of the same site changed the progress.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) {
      known = load();
      render();
    }
  });

  document.querySelector(".gl-export")?.addEventListener("click", () => {
    const data = { format: FORMAT, version: 1, site: root.href, known: [...known].sort() };
    const file = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = "glossary-progress.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
    say(`Exported ${known.size} known ${known.size === 1 ? "term" : "terms"} to glossary-progress.json.`);
  });

  const input = document.querySelector(".gl-import input[type=file]");
  input?.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const data = JSON.parse(await file.text());
      if (data?.format !== FORMAT || !Array.isArray(data.known)) throw new Error("not a progress file");
      const before = known.size;
      for (const slug of slugs(data.known)) known.add(slug);
      save();
      render();
      const added = known.size - before;
      say(`Imported ${added} more known ${added === 1 ? "term" : "terms"}.`);
    } catch {
      say("That file is not a progress file from this glossary; nothing was changed.");
    }
    input.value = "";
  });

  for (const element of document.querySelectorAll("[data-gl-progress], .gl-know-step")) element.hidden = false;
  render();
})();
