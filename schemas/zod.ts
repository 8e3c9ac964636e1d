/**
 * The one place the project imports zod from, so the linter, the site's content
 * collection and the JSON Schema generator all share one zod instance.
 */
export { z } from 'zod';
