// "Cite this term": the copy buttons. Each copies its citation as shown, with the Clipboard API where
// the page allows it (a secure context), else by selecting a copy of the text. Nothing leaves the page.
(() => {
  const status = document.querySelector(".gl-cite .gl-copy-status");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const copyBySelecting = (text) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  };
  for (const button of document.querySelectorAll(".gl-cite button[data-gl-copy]")) {
    const source = document.getElementById(button.dataset.glCopy);
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = source.textContent;
      let copied = false;
      if (navigator.clipboard && window.isSecureContext) {
        try {
          await navigator.clipboard.writeText(text);
          copied = true;
        } catch {
          copied = false;
        }
      }
      if (!copied) copied = copyBySelecting(text);
      const what = button.textContent.replace(/^Copy /, "");
      say(copied ? `Copied the ${what}.` : `Could not copy the ${what}: select it and copy it yourself.`);
    });
  }
})();
