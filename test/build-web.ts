// The browser tests run against the built web app, exactly as `npm start` serves it.
import { build } from 'vite';

export default async function setup() {
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
