import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Process } from '../../schemas/process.ts';
import { decodeOutline, encodeOutline, type Handbook } from '../model/handbook.ts';
import { SourceReader } from './read.ts';
import { forDisplayPaths, resolveConfig } from './config.ts';
import { checkLoaded, finish, portable, handbookOf, load, unusable, type CheckEnv, type FileResult } from './engine.ts';
import { orgFromText } from './org.ts';
import { engineRules } from './registry.ts';
import type { RuleFinding } from './run-rule.ts';
import { fileIndex, KnownOutlines, speculator } from './speculate.ts';
import { EVERY_RULE, RACY_MS, type FileStat, type FirstItem, type FirstOut, type SecondIn, type WorkerInit, type WorkerRequest } from './protocol.ts';

/**
 * A shard of a large run: checks its share of the specs and returns compact results.
 * Runs in a worker thread, or in the main thread when one thread is asked for.
 */
export function createShard(init: WorkerInit): (request: WorkerRequest) => unknown {
  const base = resolveConfig(init.configRaw, { locale: init.locale, overrides: init.ruleFlags, ...(init.configFile ? { file: init.configFile } : {}) });
  const orgs = new Map(Object.entries(init.orgs).map(([file, org]) => [file, orgFromText(org.display, org.text, init.locale).index]));
  const env: CheckEnv = {
    config: forDisplayPaths(base, init.configRoot, init.cwd),
    rules: engineRules(),
    today: init.today,
    locale: init.locale,
    ...(init.codeowners !== undefined ? { codeowners: init.codeowners } : {}),
    orgFor: (file) => {
      const org = init.orgOf[path.posix.dirname(file)];
      return org ? orgs.get(org) : undefined;
    },
  };

  // Each spec is decoded before the next is read, so one buffer serves them all.
  const reader = new SourceReader();

  // Cross-process questions are answered from the spec files' names and the outlines read so far.
  const known = new KnownOutlines();
  const speculation = speculator(fileIndex(init.files), known);

  function first(item: FirstItem): FirstOut {
    if (init.light) return firstLight(item);
    const statAt = Date.now();
    const stat = statOf(item.absolute);
    // Unchanged metadata of a file that was already old when hashed: the content is the cached one (git's racy-clean rule).
    if (item.hash && item.stat && stat && sameStat(item.stat, stat) && item.stat.ctimeMs + RACY_MS < (item.statAt ?? 0)) return { file: item.file, hash: item.hash, hit: true };
    const content = reader.read(item.absolute, stat?.size);
    const bad = unusable(item.file, content, init.locale);
    if (bad) return { file: item.file, result: bad };
    const hash = hashOf(content as Uint8Array);
    const fresh = { file: item.file, hash, ...(stat ? { stat, statAt } : {}) };
    if (item.hash === hash) return { ...fresh, hit: true };
    const loaded = load(item.file, content as Uint8Array, init.locale);
    // The outline travels and is cached as compact text: cheap to move, store and keep.
    const json = loaded.spec ? encodeOutline(loaded.spec) : undefined;
    const base = {
      ...fresh,
      outlineHash: json ? hashOf(json) : '',
      mentions: mentionsOf(loaded.spec, loaded.body),
      ...(json ? { outline: json, id: loaded.spec!.id } : {}),
    };
    if (loaded.spec) known.add(item.file, loaded.spec);
    if (!item.select) return base;
    return checkSelected(loaded, base);
  }


  /** `first` without a cache: the same checks, nothing kept for a cache (hash '' marks a readable file). */
  function firstLight(item: FirstItem): FirstOut {
    const content = reader.read(item.absolute);
    const bad = unusable(item.file, content, init.locale);
    if (bad) return { file: item.file, result: bad };
    const loaded = load(item.file, content as Uint8Array, init.locale);
    const base = { file: item.file, hash: '', ...(loaded.spec ? { id: loaded.spec.id } : {}) };
    if (loaded.spec) known.add(item.file, loaded.spec);
    if (!item.select) return base;
    return checkSelected(loaded, base);
  }

  /**
   * Checks a spec. Questions about other specs were answered from file names, and the result is
   * final unless the real handbook answers differently (the questions go back to be confirmed);
   * rules that needed more than names go back as deferred, with the other rules' findings.
   */
  function checkSelected(loaded: ReturnType<typeof load>, base: FirstOut): FirstOut {
    const { findings, deferred, questions } = checkLoaded(loaded, env, undefined, undefined, preDeferred, speculation);
    learn(loaded.spec !== undefined, deferred);
    const withAsked = questions.length ? { ...base, asked: JSON.stringify(questions) } : base;
    if (deferred.length === 0) {
      const { fixes: _fixes, ...result } = finish(loaded, findings, env);
      return { ...withAsked, result };
    }
    return { ...withAsked, deferred, findings: findings.map(portable) };
  }

  function statOf(file: string): FileStat | undefined {
    try {
      const { size, mtimeMs, ctimeMs, ino } = statSync(file);
      return { size, mtimeMs, ctimeMs, ino };
    } catch {
      return undefined;
    }
  }

  function sameStat(a: FileStat, b: FileStat): boolean {
    return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
  }

  /**
   * The spec files this spec points at: upstream, downstream and the targets of its body's
   * links, as file names. `--changed` checks a spec again when one of them changed.
   */
  function mentionsOf(spec: Process | undefined, body: string): string {
    const names = new Set<string>([...(spec?.scope.upstream ?? []), ...(spec?.scope.downstream ?? [])]);
    if (body.includes('.md')) {
      for (const match of body.matchAll(/\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
        const target = (match[1] ?? match[2] ?? '').split('#')[0]!;
        if (target.endsWith('.md')) names.add(path.posix.basename(safeDecode(target), '.md'));
      }
    }
    return names.size ? ` ${[...names].join(' ')} ` : ' ';
  }

  function safeDecode(text: string): string {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
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
      const content = reader.read(item.absolute);
      const bad = unusable(item.file, content, init.locale);
      if (bad) return bad;
      const loaded = load(item.file, content as Uint8Array, init.locale);
      const { findings } = checkLoaded(loaded, env, handbook!, item.deferred.includes(EVERY_RULE) ? undefined : item.deferred);
      const { fixes: _fixes, ...result } = finish(loaded, [...(item.findings as RuleFinding[]), ...findings], env);
      return result;
    });
  }


  return (request: WorkerRequest) => {
    if (request.type === 'handbook') {
      handbook = handbookOf(request.outlines.map(({ file, spec }) => ({ file, spec: decodeOutline(spec) })));
      return true;
    }
    // Each reply is copied as soon as it is made: a string cut from a spec's text (an id, a
    // message) would keep the whole text alive while the batch runs, and the texts of a batch
    // would then outlive the young generation and pile up as garbage in the old one.
    if (request.type === 'first') return request.items.map((item) => structuredClone(first(item)));
    if (request.type === 'outlines') return known.entries();
    if (request.type === 'facts') return known.facts(request.targets);
    return second(request).map((result) => structuredClone(result));
  };
}

/** A content hash (one call, no hash object per file). */
export function hashOf(content: Uint8Array | string): string {
  return hash('sha1', content, 'base64url');
}
