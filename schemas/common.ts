import { bilingual } from './describe.ts';
import { z } from './zod.ts';

/** kebab-case identifiers: `customer-complaint`, `cs-agent`. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const IdSchema = z
  .string()
  .regex(KEBAB_ID, {
    message: 'must be kebab-case: lower-case letters, digits and single hyphens, e.g. `customer-complaint`',
  });

/** Calendar dates are written `YYYY-MM-DD` and stay strings (YAML 1.2 core schema). */
export const DateSchema = z.iso
  .date({ message: 'must be a date written YYYY-MM-DD, e.g. 2026-03-01' })
  .meta(bilingual('日期，格式 YYYY-MM-DD，例如 2026-03-01', 'Date as YYYY-MM-DD, e.g. 2026-03-01'));

export const NonEmptyText = z.string().trim().min(1, { message: 'must not be empty' });

export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;
