// The self-check of a learning path, scored in the browser: nothing is sent anywhere. The feedback
// for each question is written in the page; this only shows it.
(() => {
  for (const form of document.querySelectorAll("form[data-gl-check]")) {
    const questions = [...form.querySelectorAll("fieldset[data-gl-answer]")];
    const score = form.querySelector(".gl-score");
    const show = (question, state) => {
      question.querySelector(".gl-right").hidden = state !== true;
      question.querySelector(".gl-wrong").hidden = state !== false;
      question.classList.toggle("gl-is-right", state === true);
      question.classList.toggle("gl-is-wrong", state === false);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      let right = 0;
      for (const question of questions) {
        const correct = question.querySelector("input:checked")?.value === question.dataset.glAnswer;
        if (correct) right += 1;
        show(question, correct);
      }
      const all = right === questions.length;
      score.textContent = `You got ${right} of ${questions.length} right.${all ? " Well done." : " Each wrong answer links to its term."}`;
    });
    form.addEventListener("reset", () => {
      for (const question of questions) show(question, null);
      score.textContent = "";
    });
  }
})();
