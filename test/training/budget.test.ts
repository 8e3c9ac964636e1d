import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { TRAINING_BUDGET_BYTES, checkTrainingBudget } from '../../scripts/check-budget.ts';

const dist = mkdtempSync(path.join(tmpdir(), 'training-budget-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
  writeFileSync(path.join(dist, file), text);
}
const page = (body: string, scripts: string) => `<!doctype html><html><head>${scripts}</head><body>${body}</body></html>`;
const quizScript = '<script type="module" src="/_astro/quiz.js"></script>';

// Given: the progress module (its storage key marks training code), a quiz island importing it, an unrelated island
write('_astro/progress.js', 'export const read = () => localStorage.getItem("hb-training-progress");');
write('_astro/quiz.js', 'import { read } from "./progress.js"; read();');
write('_astro/search.js', 'console.log("search");');
// Incompressible, so over the budget however it is zipped.
write('_astro/heavy.js', `import "./progress.js"; const data = "${randomBytes(TRAINING_BUDGET_BYTES).toString('base64')}";`);
write('quiz/a/index.html', page('<form data-quiz></form>', quizScript));
write('learn/r/index.html', page('<div data-learning-path></div>', '<script type="module">import "/_astro/quiz.js";</script>'));
write('en/learn/heavy/index.html', page('<div data-learning-path></div>', '<script type="module" src="/_astro/heavy.js"></script>'));
write('processes/a/index.html', page('<p>no quiz</p>', quizScript + '<script type="module" src="/_astro/search.js"></script>'));
write('index.html', page('<p>home</p>', '<script type="module">localStorage.getItem("hb-training-progress")</script>'));
write('forms/index.html', page('<p>forms</p>', '<script type="module" src="/_astro/search.js"></script>'));

describe('the training code budget', () => {
  it('allows the training code on quiz and learning-path pages only, and at most 10 KB there', () => {
    const { pages, failures } = checkTrainingBudget(dist);
    expect(failures).toEqual([
      expect.stringMatching(/^\/en\/learn\/heavy\/: ships \d+\.\d KB of training code gzipped, over the 10\.0 KB budget$/),
      expect.stringMatching(/^\/: has no quiz or learning path, yet ships training code \(inline, /),
      expect.stringMatching(/^\/processes\/a\/: has no quiz or learning path, yet ships training code \(_astro\/quiz\.js, _astro\/progress\.js, /),
    ]);
    const weight = (name: string) => pages.find((p) => p.page === name)!;
    // The quiz page counts the island and the module it imports, not the unrelated search script.
    expect(weight('/quiz/a/').scripts).toEqual(['_astro/quiz.js', '_astro/progress.js']);
    expect(weight('/quiz/a/').js).toBeGreaterThan(0);
    expect(weight('/learn/r/').js).toBeGreaterThan(weight('/quiz/a/').js);
    expect(weight('/forms/').js).toBe(0);
  });
});
