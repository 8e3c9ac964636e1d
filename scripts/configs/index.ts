import type { RawConfig } from '../lint/config.ts';
import { all } from './all.ts';
import { recommended } from './recommended.ts';

export const presets: Record<string, () => RawConfig> = { all, recommended };
