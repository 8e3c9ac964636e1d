// The site's own config with the bench's cache folder, so a cold build is cold and
// the bench never touches the developer's Astro cache.
import config from '../../astro.config.mjs';

export default { ...config, ...(process.env.BENCH_ASTRO_CACHE ? { cacheDir: process.env.BENCH_ASTRO_CACHE } : {}) };
