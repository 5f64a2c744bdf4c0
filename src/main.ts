// Composition root: open the database, migrate, load the demo municipality on first start, serve.
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { AppClock } from './platform/clock.js';
import { buildApp } from './platform/http/app.js';
import { startJobs } from './platform/jobs.js';
import { LocalDigitalPost, MunicipalDigitalPost, Sf1601DigitalPost } from './platform/letters/index.js';
import { serviceplatformen } from './platform/serviceplatformen/index.js';
import { seedDemo } from './demo/seed.js';
import { demoModeFromEnv, leaveDemoMode } from './demo/mode.js';
import { MODULES } from './modules.js';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data/pglite', import.meta.url));
const WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));

export async function openAndMigrate(): Promise<Database> {
  // With DATABASE_URL_OWNER, migrations run as the schema owner (spire_owner) and the app connects as DATABASE_URL
  // (spire_app, which may only insert and read audit_log and row_history): see docs/architecture.md "Database roles".
  if (process.env.DATABASE_URL && process.env.DATABASE_URL_OWNER) {
    const owner = await openDatabase({ url: process.env.DATABASE_URL_OWNER });
    try {
      await migrate(owner);
    } finally {
      await owner.close();
    }
    return openDatabase({ url: process.env.DATABASE_URL });
  }
  const database = await openDatabase(
    process.env.DATABASE_URL
      ? { url: process.env.DATABASE_URL }
      : { dataDir: process.env.SPIRE_DATA_DIR ?? DEFAULT_DATA_DIR },
  );
  await migrate(database);
  return database;
}

/** Wall and CPU milliseconds of each phase of a start, the first ("load": Node and the server's code) counted from
 *  the process's start. Printed once listening; `npm run bench start` reads it. */
function phaseTimer() {
  const phases: Record<string, { wallMs: number; cpuMs: number }> = {};
  let t = 0,
    c: NodeJS.CpuUsage = { user: 0, system: 0 };
  return {
    lap(name: string) {
      const d = process.cpuUsage(c);
      phases[name] = { wallMs: Math.round(performance.now() - t), cpuMs: Math.round((d.user + d.system) / 1000) };
      t = performance.now();
      c = process.cpuUsage();
    },
    phases,
  };
}

export async function start(opts: { port: number; host: string }) {
  const timer = phaseTimer();
  timer.lap('load');
  const database = await openAndMigrate();
  timer.lap('database');
  const { demo, production } = demoModeFromEnv(process.env);
  if (!demo) {
    const r = await leaveDemoMode(database, { production }).catch(async (e) => {
      await database.close();
      throw e;
    });
    if (r.sessions || r.terminals)
      console.log(`Demo mode is off: revoked ${r.sessions} demo sessions and ${r.terminals} demo terminals.`);
  }
  const clock = new AppClock();
  await clock.load(database.db);
  const { count } = await database.db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) === 0 && demo) {
    console.log('Loading the demo municipality (first start)…');
    const r = await seedDemo(database, {
      scale: 'small',
      today: clock.today(),
      onProgress: (m) => console.log('  ' + m),
    });
    console.log(`  ${r.units} units, ${r.children} children, ${r.guardians} guardians, ${r.users} demo users`);
  }
  timer.lap('demo');
  const oidc = process.env.OIDC_ISSUER
    ? {
        issuer: process.env.OIDC_ISSUER,
        clientId: process.env.OIDC_CLIENT_ID ?? '',
        clientSecret: process.env.OIDC_CLIENT_SECRET ?? '',
        redirectUri: process.env.OIDC_REDIRECT_URI ?? `http://localhost:${opts.port}/api/auth/oidc/callback`,
        minAssurance: process.env.OIDC_MIN_ASSURANCE === 'high' ? ('high' as const) : ('substantial' as const),
      }
    : undefined;
  // The local development identity provider: only by explicit choice, never in production (docs/architecture.md).
  const localIdp = process.env.SPIRE_LOCAL_IDP === 'true';
  if (localIdp && process.env.NODE_ENV === 'production') {
    await database.close();
    throw new Error(
      'SPIRE_LOCAL_IDP=true is a development login without a password: refused with NODE_ENV=production.',
    );
  }
  if (localIdp)
    console.warn(
      'SPIRE_LOCAL_IDP=true: the local development login (OIDC subject, no password) is on. Not for production.',
    );
  // bin/spire.mjs builds the web app (when its sources changed) while the database opened: serve only once it is there.
  const webBuild = (globalThis as Record<symbol, unknown>)[Symbol.for('spire.webBuild')] as Promise<void> | undefined;
  if (webBuild)
    await webBuild.catch(async (e: unknown) => {
      await database.close();
      throw e;
    });
  timer.lap('web');
  const app = await buildApp({
    modules: MODULES,
    database,
    clock,
    demo,
    webDir: WEB_DIR,
    logger: true,
    secureCookies: envFlag(process.env.SPIRE_SECURE_COOKIES),
    trustProxy: trustProxyFromEnv(process.env.SPIRE_TRUST_PROXY),
    oidc,
    localIdp,
  });
  // Digital Post: the real SF1601 endpoint when configured, else (demo) a local outbox folder of MeMo XML files.
  timer.lap('app');
  const post = process.env.DIGITAL_POST_ENDPOINT
    ? new Sf1601DigitalPost(process.env.DIGITAL_POST_ENDPOINT)
    : new LocalDigitalPost(
        process.env.DIGITAL_POST_OUTBOX ?? fileURLToPath(new URL('../.data/digital-post-outbox', import.meta.url)),
      );
  // Serviceplatformen per municipality (SPIRE_SERVICEPLATFORMEN_CONFIG): certificates checked now, warned about, and
  // checked again at every call; Digital Post goes out as the letter's municipality where it is configured.
  const platform = serviceplatformen();
  for (const c of platform.check())
    if (!c.ok) console.warn(`Serviceplatformen ${c.municipality}: ${c.problem} (calls will be refused until fixed)`);
    else console.log(`Serviceplatformen ${c.municipality}: certificate valid until ${c.validUntil}`);
  const boss = await startJobs(database, MODULES, {
    post: new MunicipalDigitalPost(platform, post),
    senderCvr: process.env.DIGITAL_POST_SENDER_CVR ?? '00000000',
  });
  timer.lap('jobs');
  await app.listen({ port: opts.port, host: opts.host });
  timer.lap('listen');
  const stop = async () => {
    await app.close();
    await boss.stop({ graceful: false }).catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  console.log(`Spire (${database.kind}${demo ? ', demo' : ''}) at http://${opts.host}:${opts.port}/ — staff at /staff`);
  console.log(`Start phases (ms wall/CPU): ${JSON.stringify(timer.phases)}`);
}

const envFlag = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : undefined);

/** SPIRE_TRUST_PROXY: unset or "false" trusts no proxy; "true" trusts any; else a comma-separated list of proxy
 *  addresses/CIDRs (or proxy-addr's "loopback", "uniquelocal") whose X-Forwarded-* headers are believed. */
export function trustProxyFromEnv(v: string | undefined): boolean | string[] {
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
