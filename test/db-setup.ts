// Global setup for the integration suite. On SPIRE_TEST_DB=postgres it starts a private PostgreSQL 15 cluster
// (temp directory, private port, fsync off), migrates a template database, and stops the cluster afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export default async function setup(project: TestProject) {
  if (project.name !== 'int-postgres') {
    project.provide('pgUrl', '');
    return;
  }
  if (!existsSync(join(BIN, 'pg_ctl'))) {
    throw new Error(`PostgreSQL 15 not found in ${BIN}: install postgresql-15 (the integration suite must run on it)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'spire-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(BIN, cmd), args, { stdio: 'pipe' });
  const port = 20000 + Math.floor(Math.random() * 20000);
  run('initdb', ['-D', join(dir, 'data'), '-U', 'spire', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  const stop = () => {
    spawnSync(
      asRoot ? 'runuser' : join(BIN, 'pg_ctl'),
      asRoot
        ? ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', 'stop']
        : ['-D', join(dir, 'data'), '-m', 'immediate', 'stop'],
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const admin = await openDatabase({ url: `postgres://spire@127.0.0.1:${port}/postgres` });
    // The two roles of a production server (docs/architecture.md): the template is migrated by the superuser, which
    // hands the schema to spire_owner; spire_app is what the application logs in as (audit tables: INSERT/SELECT only).
    await admin.raw('CREATE ROLE spire_owner NOLOGIN');
    await admin.raw('CREATE ROLE spire_app LOGIN');
    await admin.raw('CREATE DATABASE spire_template');
    await admin.close();
    const tpl = await openDatabase({ url: `postgres://spire@127.0.0.1:${port}/spire_template` });
    await migrate(tpl);
    await tpl.close();
  } catch (e) {
    stop();
    throw e;
  }
  project.provide('pgUrl', `postgres://spire@127.0.0.1:${port}`);
  return stop;
}
