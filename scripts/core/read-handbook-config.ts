import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, DEFAULT_HANDBOOK, handbookFromText, type HandbookConfig } from './handbook-config.ts';

/** The handbook's settings from the config file under `root` (defaults when there is none); a bad one is a UsageError. */
export function readHandbookConfig(root: string, file = CONFIG_FILE): HandbookConfig {
  let text: string | undefined;
  try {
    text = readFileSync(path.resolve(root, file), 'utf8');
  } catch {
    text = undefined;
  }
  return handbookFromText(text, file);
}

/**
 * The settings for choosing a language before anything else is read (usage errors, `--help`): a
 * config that cannot be read yields the defaults here, and is reported by the command that reads it.
 */
export function handbookOrDefault(root: string, file = CONFIG_FILE): HandbookConfig {
  try {
    return readHandbookConfig(root, file);
  } catch {
    return DEFAULT_HANDBOOK;
  }
}
