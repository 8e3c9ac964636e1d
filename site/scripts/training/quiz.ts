/**
 * The self-check quiz on a quiz page: each question is checked on its own button (so arrow keys can
 * move through the options without answering), then shows whether it was right, the right answer
 * and the explanation with its link into the process table. When every question is answered the
 * score is shown, and a pass at the handbook's mark is kept in this browser for this version.
 * The questions, answers and words are in the page (built from the spec); this only reacts.
 */
import { fill, recordPass, today } from './progress.ts';

export function startQuiz(root: ParentNode = document): void {
  const form = root.querySelector<HTMLFormElement>('form[data-quiz]');
  if (!form) return;
  const strings = JSON.parse(form.dataset.strings ?? '{}') as Record<string, string>;
  const questions = [...form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-answer]')];
  const result = form.querySelector<HTMLElement>('[data-result]')!;
  const answered = new Map<HTMLFieldSetElement, boolean>();
  form.querySelector('[data-needs-script]')?.remove();

  for (const question of questions) {
    const button = question.querySelector<HTMLButtonElement>('button[data-check]')!;
    const verdict = question.querySelector<HTMLElement>('[data-verdict]')!;
    const feedback = question.querySelector<HTMLElement>('[data-feedback]')!;
    button.hidden = false;
    button.addEventListener('click', () => {
      const options = [...question.querySelectorAll<HTMLInputElement>('input[type=radio]')];
      const chosen = options.findIndex((option) => option.checked);
      if (chosen === -1) {
        verdict.textContent = strings.choose!;
        feedback.hidden = false;
        feedback.querySelector<HTMLElement>('[data-explanation]')!.hidden = true;
        options[0]?.focus();
        return;
      }
      const answer = Number(question.dataset.answer);
      const right = chosen === answer;
      answered.set(question, right);
      for (const option of options) option.disabled = true;
      button.disabled = true;
      options[answer]!.closest('label')!.classList.add('hb-option-right');
      if (!right) options[chosen]!.closest('label')!.classList.add('hb-option-wrong');
      const answerText = options[answer]!.closest('label')!.textContent!.trim();
      verdict.textContent = right ? strings.right! : fill(strings.wrong!, { answer: answerText });
      verdict.className = right ? 'hb-verdict hb-verdict-right' : 'hb-verdict hb-verdict-wrong';
      feedback.querySelector<HTMLElement>('[data-explanation]')!.hidden = false;
      feedback.hidden = false;
      verdict.focus();
      if (answered.size === questions.length) finish();
    });
  }
  form.addEventListener('submit', (event) => event.preventDefault());

  function finish(): void {
    const total = questions.length;
    const right = [...answered.values()].filter(Boolean).length;
    const score = Math.round((right / total) * 100);
    const pass = Number(form!.dataset.pass);
    const data = { right, total, score, pass, version: form!.dataset.version! };
    const passed = score >= pass;
    const saved = passed && recordPass({ process: form!.dataset.process!, version: form!.dataset.version!, score, right, total, date: today() });
    const message = document.createElement('p');
    message.textContent = fill(passed ? strings.passed! : strings.failed!, data);
    message.className = passed ? 'hb-verdict-right' : 'hb-verdict-wrong';
    result.replaceChildren(message);
    if (passed && !saved) {
      const warning = document.createElement('p');
      warning.textContent = strings.noStorage!;
      result.append(warning);
    }
    result.dataset.outcome = passed ? 'passed' : 'failed';
    const retry = form!.querySelector<HTMLButtonElement>('button[data-retry]')!;
    retry.hidden = passed;
    retry.onclick = () => location.reload();
    result.focus();
  }

  // The learning path to go back to, when the quiz was opened from one.
  const role = new URLSearchParams(location.search).get('role');
  const back = root.querySelector<HTMLAnchorElement>('a[data-back]');
  if (back && role && /^[a-z0-9-]+$/.test(role)) {
    back.href = `${back.dataset.base}${role}/`;
  }
}
