// The `spire` command line.
import { parseArgs } from 'node:util';
import { danishPublicHolidays, municipalityByCode, parseCpr } from './shared/index.js';

const [command, ...rest] = process.argv.slice(2);
const usage = `usage: spire <command>
  start                       start the server (PORT, HOST, DATABASE_URL, SPIRE_DATA_DIR, SPIRE_DEMO, SPIRE_TRUST_PROXY,
                              OIDC_ISSUER…, SPIRE_LOCAL_IDP=true for the local development login)
  seed [--scale small|city] [--seed N]   load the demo municipality into an empty database
  holidays YEAR               Danish public holidays as JSON [{date, name}]
  fees --in household.json   one household's monthly fee per child (docs/formats/fees.md)
  bill --month YYYY-MM        the monthly billing run for every municipality with places (a host's scheduled job)
  allocate --in instance.json [--out result.json]   one allocation round (docs/formats/allocation.md)
  cpr NUMBER                  parse a CPR number as JSON {valid, birthDate, sex, mod11}
  admin create --name NAME --oidc-subject SUB --municipality CODE [--email E]
                              the first administrator of a municipality (e.g. 0860) in the installation
  register import --municipality 0860|all [--file export.json] [--apply]
                              preview (and apply) the Dagtilbudsregister import (docs/formats/dagtilbudsregister.md)`;

async function main() {
  switch (command) {
    case 'start': {
      const { start } = await import('./main.js');
      await start({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
      return;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { scale: { type: 'string', default: 'small' }, seed: { type: 'string', default: '1' } },
      });
      if (values.scale !== 'small' && values.scale !== 'city') return fail('--scale must be small or city');
      const { openAndMigrate } = await import('./main.js');
      const { seedDemo } = await import('./demo/seed.js');
      const { AppClock } = await import('./platform/clock.js');
      const database = await openAndMigrate();
      const t0 = performance.now();
      const r = await seedDemo(database, {
        scale: values.scale,
        seed: Number(values.seed),
        today: new AppClock().today(),
        onProgress: (m) => console.error(m),
      });
      console.log(JSON.stringify({ ...r, seconds: Math.round(performance.now() - t0) / 1000 }));
      await database.close();
      return;
    }
    case 'holidays': {
      const year = Number(rest[0]);
      if (!Number.isInteger(year) || year < 1700 || year > 2999) return fail('holidays YEAR: a year such as 2026');
      console.log(
        JSON.stringify(
          danishPublicHolidays(year).map((h) => ({ date: h.date.toString(), name: h.name })),
          null,
          2,
        ),
      );
      return;
    }
    case 'fees': {
      const { feesCli } = await import('./modules/billing/index.js');
      process.exitCode = feesCli(rest);
      return;
    }
    case 'bill': {
      const { values } = parseArgs({ args: rest, options: { month: { type: 'string' } } });
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month ?? '')) return fail('bill --month YYYY-MM');
      const { openAndMigrate } = await import('./main.js');
      const { runAllMunicipalities } = await import('./modules/billing/index.js');
      const database = await openAndMigrate();
      const runs = await runAllMunicipalities(database.db, `${values.month}-01`, null, (r) =>
        console.error(
          `${r.municipality}: ${r.status}, ${r.invoices} invoices, ${r.lines} lines${r.error ? ` (${r.error})` : ''}`,
        ),
      );
      console.log(JSON.stringify(runs));
      await database.close();
      if (runs.some((r) => r.status === 'failed')) process.exitCode = 1;
      return;
    }
    case 'allocate': {
      const { allocateCli } = await import('./modules/allocation/index.js');
      process.exitCode = allocateCli(rest);
      return;
    }
    case 'register': {
      const { openAndMigrate } = await import('./main.js');
      const { registerCli } = await import('./modules/registry/index.js');
      const { AppClock } = await import('./platform/clock.js');
      const database = await openAndMigrate();
      const clock = new AppClock();
      await clock.load(database.db);
      process.exitCode = await registerCli(rest, database, clock.today());
      await database.close();
      return;
    }
    case 'cpr': {
      if (!rest[0]) return fail('cpr NUMBER');
      const { AppClock } = await import('./platform/clock.js');
      const r = parseCpr(rest[0], new AppClock().today());
      console.log(
        JSON.stringify(
          r.ok
            ? { valid: true, birthDate: r.birthDate.toString(), sex: r.sex, mod11: r.mod11 }
            : { valid: false, error: r.error },
        ),
      );
      if (!r.ok) process.exitCode = 1;
      return;
    }
    case 'admin': {
      const { values } = parseArgs({
        args: rest.slice(1),
        options: {
          name: { type: 'string' },
          'oidc-subject': { type: 'string' },
          municipality: { type: 'string' },
          email: { type: 'string' },
        },
      });
      const name = values.name?.trim(),
        subject = values['oidc-subject']?.trim(),
        municipality = values.municipality?.trim() ?? '';
      if (rest[0] !== 'create' || !name || !subject || !municipality)
        return fail('admin create --name NAME --oidc-subject SUBJECT --municipality CODE [--email E]');
      if (!municipalityByCode(municipality))
        return fail(`--municipality: ${municipality} is not a Danish municipality code (four digits, e.g. 0860)`);
      const { openAndMigrate } = await import('./main.js');
      const { createAdministrator } = await import('./platform/auth/users/index.js');
      const { ensureMunicipality } = await import('./modules/registry/index.js');
      const { AppClock } = await import('./platform/clock.js');
      const database = await openAndMigrate();
      try {
        const clock = new AppClock();
        await clock.load(database.db);
        await ensureMunicipality(database.db, municipality);
        const id = await createAdministrator(database.db, clock.today(), {
          name,
          oidcSubject: subject,
          email: values.email?.trim() || null,
          municipalityCode: municipality,
        });
        console.log(JSON.stringify({ id, name, role: 'admin', municipality }));
      } catch (e: any) {
        if (e?.code !== 'users.oidc-subject-taken') throw e;
        console.error(`A user with OIDC subject ${subject} exists already.`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
      return;
    }
    default:
      console.log(usage);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

function fail(msg: string) {
  console.error(msg);
  process.exitCode = 2;
}

try {
  await main();
} catch (e: any) {
  // Another process has the embedded database open (data-dir-lock.ts): refuse clearly, touch nothing.
  if (e?.name !== 'DataDirLockedError') throw e;
  console.error(e.message);
  process.exitCode = 3;
}
