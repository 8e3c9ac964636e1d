export * from './common.ts';
export * from './forms.ts';
export * from './org.ts';
export * from './process.ts';
export { z } from './zod.ts';
