import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import type { Process } from '../../schemas/process.ts';
import { outlineOf, type Handbook } from '../model/handbook.ts';
import { readSource } from './read.ts';
import { resolveConfig } from './config.ts';
import { checkLoaded, finish, handbookOf, load, unusable, type CheckEnv, type FileResult } from './engine.ts';
import { orgFromText } from './org.ts';
import { engineRules } from './registry.ts';
import type { RuleFinding } from './run-rule.ts';
import type { FirstOut, SecondIn, WorkerInit, WorkerRequest } from './protocol.ts';

/** A worker thread: checks its share of the specs and returns compact results. */
const init = workerData as WorkerInit;
const base = resolveConfig(init.configRaw, { locale: init.locale, overrides: init.ruleFlags, ...(init.configFile ? { file: init.configFile } : {}) });
const orgs = new Map(Object.entries(init.orgs).map(([file, org]) => [file, orgFromText(org.display, org.text, init.locale).index]));
const env: CheckEnv = {
  config: { ...base, rulesFor: (file) => base.rulesFor(path.relative(init.configRoot, path.resolve(init.cwd, file)).split(path.sep).join('/')) },
  rules: engineRules(),
  today: init.today,
  locale: init.locale,
  ...(init.codeowners !== undefined ? { codeowners: init.codeowners } : {}),
  orgFor: (file) => {
    const org = init.orgOf[file];
    return org ? orgs.get(org) : undefined;
  },
};

export function hashOf(content: Uint8Array | string): string {
  return createHash('sha1').update(content).digest('base64url');
}

function first(item: { absolute: string; file: string; select: boolean; hash?: string }): FirstOut {
  const content = readSource(item.absolute);
  const bad = unusable(item.file, content, init.locale);
  if (bad) return { file: item.file, result: bad };
  const hash = hashOf(content as Uint8Array);
  if (item.hash === hash) return { file: item.file, hash, hit: true };
  const loaded = load(item.file, content as Uint8Array, init.locale);
  const outline = loaded.spec ? outlineOf(loaded.spec) : undefined;
  const outlineHash = outline ? hashOf(JSON.stringify(outline)) : '';
  if (!item.select) return { file: item.file, hash, outlineHash, ...(outline ? { outline } : {}) };
  const { findings, deferred } = checkLoaded(loaded, env, undefined, undefined, preDeferred);
  learn(loaded.spec !== undefined, deferred);
  if (deferred.length === 0) {
    const { fixes: _fixes, ...result } = finish(loaded, findings, env);
    return { file: item.file, hash, outlineHash, ...(outline ? { outline } : {}), result };
  }
  return { file: item.file, hash, outlineHash, ...(outline ? { outline } : {}), deferred, findings: findings.map(strip) };
}

/**
 * A rule that has read the handbook on every spec so far will do so again: defer it
 * without running it twice. Deferring is always safe; this only saves the wasted run.
 */
const touches = new Map<string, { touched: number; clean: number }>();
const preDeferred = new Set<string>();
function learn(valid: boolean, deferred: string[]) {
  if (!valid) return;
  for (const id of Object.keys(env.rules)) {
    const count = touches.get(id) ?? { touched: 0, clean: 0 };
    if (deferred.includes(id)) count.touched++;
    else count.clean++;
    touches.set(id, count);
    if (count.touched >= 16 && count.clean === 0) preDeferred.add(id);
  }
}

let handbook: Handbook | undefined;

function second(request: SecondIn): FileResult[] {
  return request.items.map((item) => {
    const content = readSource(item.absolute);
    const bad = unusable(item.file, content, init.locale);
    if (bad) return bad;
    const loaded = load(item.file, content as Uint8Array, init.locale);
    const { findings } = checkLoaded(loaded, env, handbook!, item.deferred);
    const { fixes: _fixes, ...result } = finish(loaded, [...(item.findings as RuleFinding[]), ...findings], env);
    return result;
  });
}

function strip(finding: RuleFinding) {
  const { fix: _fix, ...rest } = finding;
  return rest;
}

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.type === 'handbook') {
    handbook = handbookOf(request.outlines as Array<{ file: string; spec: Process }>);
    parentPort!.postMessage({ type: 'handbook', id: request.id, out: true });
  } else if (request.type === 'first') {
    const out: FirstOut[] = [];
    for (const item of request.items) out.push(first(item));
    parentPort!.postMessage({ type: 'first', id: request.id, out });
  } else {
    parentPort!.postMessage({ type: 'second', id: request.id, out: second(request) });
  }
});
