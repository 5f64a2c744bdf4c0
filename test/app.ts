// Builds the real HTTP app on a fresh test database, with helpers to log in as a user and call the API.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/platform/http/app.js';
import { AppClock } from '../src/platform/clock.js';
import { LocalDate } from '../src/shared/index.js';
import type { Database } from '../src/platform/db/database.js';
import { openTestDatabase } from './db.js';
import { MODULES } from '../src/modules.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: AppClock;
  close: () => Promise<void>;
}

export async function testApp(today = LocalDate.of(2026, 11, 23), webDir?: string): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = new AppClock();
  await clock.setToday(database.db, today);
  const app = await buildApp({ modules: MODULES, database, clock, demo: true, webDir });
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in API client for one user (cookie + CSRF header). */
export async function loginAs(app: FastifyInstance, userId: string) {
  // Each login from its own address, so the login rate limit (per IP) does not trip across tests.
  const remoteAddress = `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
  const res = await app.inject({ method: 'POST', url: '/api/auth/demo-login', payload: { userId }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'spire_session')!;
  const csrf = res.json().csrfToken as string;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      payload: payload as any,
      cookies: { spire_session: cookie.value },
      headers: method === 'GET' ? {} : { 'x-csrf-token': csrf },
    });
  return { call, csrf, cookie: cookie.value };
}
