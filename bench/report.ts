// `npm run bench:report`: runs every benchmark at full scale (bench/run.ts, one after another), then regenerates
// docs/benchmarks.md from their saved JSON (bench/results/<name>.json). Never edit docs/benchmarks.md by hand.
//   --saved        only regenerate from the saved results (no benchmark run)
//   --scale small  run/read the reduced workloads; writes bench/results/benchmarks.small.md, never docs/
//   names…         run only these benchmarks (the others are read from their saved results)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);
const ALL = ['allocation', 'round', 'booking', 'billing', 'attendance', 'start'] as const;
const args = process.argv.slice(2);
const small = args.includes('--scale') && args[args.indexOf('--scale') + 1] === 'small';
const saved = args.includes('--saved');
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--scale');

const t0 = Date.now();
if (!saved) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('bench/run.ts', ROOT)),
      ...(names.length ? names : ALL),
      ...(small ? ['--scale', 'small'] : []),
    ],
    { cwd: fileURLToPath(ROOT), stdio: 'inherit' },
  );
  if (r.status !== 0) {
    console.error(`benchmarks failed (exit ${r.status}); docs not regenerated`);
    process.exit(r.status ?? 1);
  }
}
const runMinutes = saved ? null : (Date.now() - t0) / 60000;

const load = (name: string): any => {
  const f = new URL(`bench/results/${name}${small ? '.small' : ''}.json`, ROOT);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null;
};
const n = (x: unknown, unit = '') =>
  x === null || x === undefined
    ? '–'
    : `${typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(x as string)}${unit}`;
const yes = (b: unknown) => (b === true ? 'yes' : b === false ? '**no**' : '–');
type Row = [figure: string, measured: string, target: string, naive: string, met: unknown];

function table(title: string, r: any, rows: Row[], notes: string[]) {
  const m = r.machine;
  return [
    `## ${title}`,
    '',
    `Commit \`${m.commit}\`, ${m.at.slice(0, 16).replace('T', ' ')} UTC · ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB · load average (1 min) ${m.loadAverage1mAtStart} at start, ${m.loadAverage1m} at end · Node ${m.node}`,
    '',
    '| figure | measured | target | naive baseline | met |',
    '|---|---:|---:|---:|:---:|',
    ...rows.map(([f, v, t, b, ok]) => `| ${f} | ${v} | ${t} | ${b} | ${yes(ok)} |`),
    '',
    ...notes.map((x) => `- ${x}`),
    '',
  ].join('\n');
}

const sections: string[] = [];
const a = load('allocation');
if (a) {
  const s = (k: string) => a.scales.find((x: any) => x.scale === k);
  const c = s('copenhagen'),
    d = s('national');
  sections.push(
    table(
      'Allocation engine (`npm run bench allocation`)',
      a,
      [
        ...[c, d]
          .filter(Boolean)
          .map((x: any): Row => [
            `${x.scale}: ${n(x.applicants)} applicants, ${n(x.units)} units, median of ${x.runs.length}`,
            n(x.medianSeconds, ' s'),
            `≤ ${x.targetSeconds} s`,
            `${n(x.baseline.seconds, ' s')}; places ${n(x.baseline.placed)} vs ${n(x.engine.placed)}, justified envy ${n(x.baseline.justifiedEnvy)} vs ${n(x.engine.justifiedEnvy)}`,
            x.withinTarget,
          ]),
        ['peak RSS', n(a.peakRssMb, ' MB'), '≤ 1,024 MB', '', a.met.rss],
      ],
      [`Engine: ${a.engine}.`, `Naive: ${a.naiveDescription}.`],
    ),
  );
}
const ro = load('round');
if (ro)
  sections.push(
    table(
      'Allocation round from the database (`npm run bench round`)',
      ro,
      [
        [
          `waitlist → preview → approve, ${n(ro.workload.waitingApplicants)} waiting, ${n(ro.workload.unitsWished)} units wished`,
          n(ro.spire.totalSeconds, ' s'),
          `≤ ${ro.targets.totalSeconds} s`,
          n(ro.naive.seconds, ' s'),
          ro.met.totalSeconds,
        ],
        ['load the waitlist (GET /api/staff/waitlist)', n(ro.spire.waitlistSeconds, ' s'), '', '', null],
        ['preview (POST /api/staff/rounds)', n(ro.spire.previewSeconds, ' s'), '', '', null],
        [
          `approve: ${n(ro.spire.offers)} offers, ${n(ro.spire.lettersWritten)} letters`,
          n(ro.spire.approveSeconds, ' s'),
          '',
          `${n(ro.naive.offers)} offers`,
          null,
        ],
        ['server peak RSS', n(ro.spire.serverPeakRssMb, ' MB'), '≤ 1,024 MB', '', ro.met.serverRss],
      ],
      [
        `PostgreSQL 15, fsync ${ro.engine.fsync}, synchronous_commit ${ro.engine.synchronousCommit}; ${ro.engine.server}; pool ${ro.engine.pool}.`,
        `Naive: ${ro.naiveDescription}.`,
      ],
    ),
  );
const b = load('booking');
if (b)
  sections.push(
    table(
      'Book en plads (`npm run bench booking`)',
      b,
      [
        [
          `bookings/s over HTTP, ${n(b.workload.families)} families on ${b.workload.popularUnits} popular units (201 only)`,
          n(b.spire.perSecond),
          `≥ ${b.targets.bookingsPerSecond}`,
          n(b.naive.perSecond),
          b.met.bookingsPerSecond,
        ],
        [
          'availability p95 during the rush',
          n(b.spire.availabilityDuringRushMs.p95, ' ms'),
          `≤ ${b.targets.availabilityP95Ms} ms`,
          n(b.naive.availabilityDuringRushMs.p95, ' ms'),
          b.met.availabilityP95,
        ],
        ['overbooked unit-days', n(b.spire.overbookedUnitDays), '0', n(b.naive.overbookedUnitDays), b.met.overbooked],
        [
          'booked / refused (409) / other 400',
          `${n(b.spire.booked)} / ${n(b.spire.answers['409'] ?? 0)} / ${n(b.spire.answers['400'] ?? 0)}`,
          '',
          `${n(b.naive.booked)} / ${n(b.naive.answers['409'] ?? 0)} / ${n(b.naive.answers['400'] ?? 0)}`,
          null,
        ],
        [
          "someone else's child refused (403)",
          `${n(b.spire.custodyProbes.refused403)} of ${n(b.spire.custodyProbes.refused403 + b.spire.custodyProbes.notRefused)}`,
          'all',
          '',
          b.met.custody,
        ],
        [
          'server peak RSS',
          n(b.spire.serverPeakRssMb, ' MB'),
          '≤ 1,024 MB',
          n(b.naive.serverPeakRssMb, ' MB'),
          b.met.serverRss,
        ],
      ],
      [
        `PostgreSQL 15, fsync ${b.engine.fsync}, synchronous_commit ${b.engine.synchronousCommit}, full_page_writes ${b.engine.fullPageWrites}; ${b.engine.server}; pool ${b.engine.pool}.`,
        `Workload: ${n(b.workload.enrolledChildren)} children in dagtilbud, ${n(b.workload.daycareUnits)} daycare units; ${b.workload.bookingConcurrency} families booking and ${b.workload.searchers} searching at once; 3 wishes each.`,
        `Naive: ${b.naiveDescription}.`,
      ],
    ),
  );
const bi = load('billing');
if (bi) {
  const c = bi.copenhagen,
    d = bi.national;
  sections.push(
    table(
      'Monthly billing run (`npm run bench billing`)',
      bi,
      [
        ...(c
          ? [
              [
                `Copenhagen ${n(c.children)} children, first run`,
                n(c.firstRun.seconds, ' s'),
                `≤ ${bi.targets.copenhagenFirstRunSeconds} s`,
                `${n(c.naive.estimatedSeconds, ' s')} (est.)`,
                bi.met.copenhagenFirstRun,
              ] as Row,
              [
                'Copenhagen, run with no changes',
                n(c.secondRunNoChanges.seconds, ' s'),
                `≤ ${bi.targets.copenhagenNoChangeSeconds} s`,
                `${n(c.naive.estimatedSeconds, ' s')} (est.)`,
                bi.met.copenhagenNoChange,
              ] as Row,
            ]
          : []),
        ...(d
          ? [
              [
                `national ${n(d.children)} children in ${d.municipalities} municipalities`,
                n(d.firstRun.seconds, ' s'),
                `≤ ${bi.targets.nationalFirstRunSeconds} s`,
                `${n(d.naive.estimatedSeconds, ' s')} (est.)`,
                bi.met.nationalFirstRun,
              ] as Row,
            ]
          : []),
        ['peak RSS (in-process)', n(bi.serverPeakRssMb, ' MB'), '≤ 1,024 MB', '', bi.met.serverRss],
      ],
      [
        `PostgreSQL 15, fsync ${bi.engine.fsync}, synchronous_commit ${bi.engine.synchronousCommit}.`,
        `Naive: ${bi.naiveDescription}.`,
      ],
    ),
  );
}
const at = load('attendance');
if (at)
  sections.push(
    table(
      'Check-in rush (`npm run bench attendance`)',
      at,
      [
        [
          `peak ${at.peak.targetRate}/s for ${at.peak.seconds} s: p95`,
          n(at.peak.latencyMs.p95, ' ms'),
          `≤ ${at.targets.p95MsAt50PerSecond} ms`,
          '',
          at.met.peakP95,
        ],
        [
          `rush ${at.rush.achievedRate}/s (rest of ${n(at.children)} children): p95`,
          n(at.rush.latencyMs.p95, ' ms'),
          '',
          '',
          null,
        ],
        [
          'check-outs 50/s with live views: p95',
          n(at.live.latencyMs.p95, ' ms'),
          `≤ ${at.targets.p95MsAt50PerSecond} ms`,
          n(at.naive.latencyMs.p95, ' ms'),
          at.met.liveP95,
        ],
        [
          'live view lag p95 (tap → SSE client)',
          n(at.live.live.tapToStreamMs.p95, ' ms'),
          '',
          n(at.naiveViewRefreshMs.p95, ' ms'),
          null,
        ],
        [
          `missed on ${n(at.sseStreams)} live streams (all phases)`,
          n(at.totals.missedOnLiveStreams),
          '0',
          '',
          at.met.noneMissed,
        ],
        ['failed requests (all phases)', n(at.totals.failedRequests), '0', '', at.met.noneFailed],
        ['server peak RSS', n(at.serverPeakRssMb, ' MB'), '≤ 1,024 MB', '', at.met.serverRss],
      ],
      [
        `PostgreSQL 15, fsync ${at.engine.fsync}, synchronous_commit ${at.engine.synchronousCommit}, full_page_writes ${at.engine.fullPageWrites}; ${at.engine.server}.`,
        "Naive: every change makes each unit's open live view re-read its whole overview from the database.",
      ],
    ),
  );
const st = load('start');
if (st)
  sections.push(
    table(
      'First start and restart (`npm run bench start`)',
      st,
      [
        [
          'first start: `npm start` after `npm ci` → healthy',
          n(st.firstStart.seconds, ' s'),
          `≤ ${st.targets.firstStartSeconds} s`,
          `${st.naive.firstStartSeconds} s (issue 15, idle)`,
          st.met.firstStart,
        ],
        ['of which web build', n(st.firstStart.buildSeconds, ' s'), '', '', null],
        ['restart', n(st.restart.seconds, ' s'), `≤ ${st.targets.restartSeconds} s`, '', st.met.restart],
        [
          'server peak RSS',
          n(Math.max(st.firstStart.serverPeakRssMb ?? 0, st.restart.serverPeakRssMb ?? 0), ' MB'),
          '≤ 1,024 MB',
          '',
          st.met.serverRss,
        ],
      ],
      [`${st.engine}; \`npm ci\` itself (network) is not timed; fresh data directory and tsx cache.`],
    ),
  );

const missing = ALL.filter((x) => !load(x));
const doc = [
  '# Benchmarks',
  '',
  '<!-- Generated by `npm run bench:report` (bench/report.ts) from bench/results/*.json. Do not edit by hand. -->',
  '',
  small ? '**SMALL SCALE (`--scale small`): a check that the benchmarks work, not published figures.**\n' : null,
  'Every benchmark drives Spire the way its users do (HTTP with real sessions and access checks, a separate server process',
  'with the default pool, PostgreSQL 15 with default durability), counts only what succeeded, and runs its naive baseline',
  'on the same workload. Figures are wall-clock on the machine named under each table; a busy machine (load average above',
  'its cores) makes them meaningless: regenerate on an idle machine.',
  '',
  runMinutes !== null ? `This run took ${runMinutes.toFixed(0)} minutes.\n` : null,
  missing.length ? `Not run yet: ${missing.join(', ')}.\n` : null,
  ...sections,
]
  .filter((x) => x !== null)
  .join('\n');
const out = small ? new URL('bench/results/benchmarks.small.md', ROOT) : new URL('docs/benchmarks.md', ROOT);
writeFileSync(out, doc + '\n');
console.error(`wrote ${fileURLToPath(out)}`);
