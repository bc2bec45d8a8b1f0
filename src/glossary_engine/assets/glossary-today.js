// Term of the day and a random term on the home page, chosen here in the browser, so a static site
// shows a new term each day without a rebuild. The day's term depends only on the date: everyone
// sees the same one on the same day.
(() => {
  const box = document.querySelector("[data-gl-today]");
  if (!box) return;
  const root = new URL(box.dataset.glRoot, location.href);
  const address = (pattern, slug) => new URL(pattern.replace("{slug}", slug), root);
  // Days since 1970-01-01 in the reader's calendar, spread over the terms by a multiplicative hash
  // (Knuth's), so consecutive days do not walk the list in order.
  const pick = (count, date) => {
    const day = Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86400000);
    return (Math.imul(day, 2654435761) >>> 0) % count;
  };
  fetch(new URL(box.dataset.glIndex, location.href))
    .then((response) => response.json())
    .then(async (listing) => {
      const terms = listing.terms;
      if (!terms.length) return;
      const [slug, title] = terms[pick(terms.length, new Date())];
      const link = box.querySelector(".gl-today-term");
      link.href = address(listing.page, slug).href;
      link.textContent = title;
      box.querySelector(".gl-random").addEventListener("click", (event) => {
        event.preventDefault();
        const [other] = terms[Math.floor(Math.random() * terms.length)];
        location.assign(address(listing.page, other));
      });
      box.hidden = false;
      const term = await fetch(address(listing.term, slug)).then((response) => response.json());
      box.querySelector(".gl-today-short").textContent = term.short;
    })
    .catch(() => {});
})();
