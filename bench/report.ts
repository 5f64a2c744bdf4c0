// `npm run bench:report`: runs every benchmark at full scale, each in its own process (bench/run.ts), one after another,
// then regenerates docs/benchmarks.md from their saved JSON (bench/results/<name>.json). Never edit docs/benchmarks.md
// by hand. A benchmark that fails (or passes its time cap) does not lose the others: its failure is kept in
// bench/results/<name>.failed.json and its section says "failed: <reason>" (above its last good result, if any).
//   --saved             only regenerate from the saved results (no benchmark run)
//   --only name…        run only these benchmarks; the others are read from their saved results (bare names also work)
//   --scale small       run/read the reduced workloads; writes bench/results/benchmarks.small.md, never docs/
//   --cap-minutes N     stop a benchmark after N minutes (default 90; SIGTERM, so its clusters and servers stop)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machine } from './common.js';

const ROOT = new URL('../', import.meta.url);
const ALL = ['allocation', 'round', 'booking', 'billing', 'subsidies', 'reporting', 'attendance', 'start'] as const;
const args = process.argv.slice(2);
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const small = valueOf('--scale') === 'small';
const saved = args.includes('--saved');
const capMinutes = Number(valueOf('--cap-minutes') ?? 90);
const names = args.filter(
  (a, i) => !a.startsWith('--') && args[i - 1] !== '--scale' && args[i - 1] !== '--cap-minutes',
);
const unknown = names.filter((x) => !(ALL as readonly string[]).includes(x));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; the report has: ${ALL.join(', ')}`);
  process.exit(2);
}
const suffix = small ? '.small' : '';
const resultFile = (name: string) => new URL(`bench/results/${name}${suffix}.json`, ROOT);
const failureFile = (name: string) => new URL(`bench/results/${name}${suffix}.failed.json`, ROOT);

/** Runs one benchmark in its own process; resolves with null when it succeeded, else the reason. Its stderr is shown
 *  as it comes and its last lines kept for the reason. */
function runOne(name: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('bench/run.ts', ROOT)), name, ...(small ? ['--scale', 'small'] : [])],
      { cwd: fileURLToPath(ROOT), stdio: ['ignore', 'inherit', 'pipe'] },
    );
    let tail = '';
    child.stderr!.on('data', (d: Buffer) => {
      process.stderr.write(d);
      tail = (tail + d.toString('utf8')).slice(-4000);
    });
    let capped = false;
    // SIGTERM: bench/lifecycle.ts stops the clusters and servers the benchmark started, then it exits.
    const timer = setTimeout(() => {
      capped = true;
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 30_000).unref();
    }, capMinutes * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(null);
      const lines = tail
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      // The thrown error's own line ("Error: …", "TypeError: …"), else the last line that speaks of a failure.
      const error =
        lines.findLast((l) => /^[A-Za-z]*Error\b/.test(l)) ??
        lines.findLast((l) => !l.startsWith('at ') && /error|failed|timeout|exited/i.test(l)) ??
        lines.at(-1) ??
        '';
      resolve(
        capped
          ? `stopped after its ${capMinutes}-minute cap`
          : `exit ${code ?? signal}${error ? `: ${error.slice(0, 300)}` : ''}`,
      );
    });
  });
}

/** Between benchmarks: the last one's writes reach the disk (its removed cluster's pages were still being written
 *  back when the next one started: billing right after the booking rush measured 5.69 s, 4.6 s alone), then 5 s. */
async function settle() {
  execFileSync('sync');
  await new Promise((r) => setTimeout(r, 5000));
}

const t0 = Date.now();
const failedNow: string[] = [];
if (!saved) {
  mkdirSync(new URL('bench/results/', ROOT), { recursive: true });
  for (const name of names.length ? names : ALL) {
    console.error(`\n== bench:report: ${name}`);
    await settle();
    const m = machine();
    const reason = await runOne(name);
    if (reason === null) rmSync(failureFile(name), { force: true });
    else {
      failedNow.push(name);
      console.error(`== ${name} failed: ${reason}`);
      writeFileSync(failureFile(name), JSON.stringify({ benchmark: name, reason, machine: m }, null, 2) + '\n');
    }
  }
}
const runMinutes = saved ? null : (Date.now() - t0) / 60000;

const readJson = (f: URL): any => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
const n = (x: unknown, unit = '') =>
  x === null || x === undefined
    ? '–'
    : `${typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(x as string)}${unit}`;
/** Wall seconds, with the Node CPU seconds beside them where the benchmark measured them. */
const sec = (wall: unknown, cpu?: unknown) =>
  `${n(wall, ' s')}${cpu === undefined || cpu === null ? '' : ` (CPU ${n(cpu, ' s')})`}`;
const yes = (b: unknown) => (b === true ? 'yes' : b === false ? '**no**' : '–');
type Row = [figure: string, measured: string, target: string, naive: string, met: unknown];

function header(m: any) {
  return `Commit \`${m.commit}\`, ${String(m.at).slice(0, 16).replace('T', ' ')} UTC · ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB · load average (1 min) ${m.loadAverage1mAtStart ?? m.loadAverage1m} at start${m.loadAverage1mAtStart === undefined ? '' : `, ${m.loadAverage1m} at end`} · Node ${m.node}`;
}

function table(title: string, r: any, rows: Row[], notes: string[]) {
  return [
    `## ${title}`,
    '',
    header(r.machine),
    '',
    '| figure | measured | target | naive baseline | met |',
    '|---|---:|---:|---:|:---:|',
    ...rows.map(([f, v, t, b, ok]) => `| ${f} | ${v} | ${t} | ${b} | ${yes(ok)} |`),
    '',
    ...notes.map((x) => `- ${x}`),
    '',
  ].join('\n');
}

const RENDER: Record<(typeof ALL)[number], (r: any) => string> = {
  allocation: (a) => {
    const s = (k: string) => a.scales.find((x: any) => x.scale === k);
    const c = s('copenhagen'),
      d = s('national');
    return table(
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
      [
        `Engine: ${a.engine}.`,
        ...[c, d]
          .filter(Boolean)
          .map(
            (x: any) =>
              `${x.scale}: all runs ${x.runs.map((t: number) => n(t, ' s')).join(', ')}${x.medianCpuSeconds === undefined ? '' : `; median CPU ${n(x.medianCpuSeconds, ' s')}`}.`,
          ),
        `Naive: ${a.naiveDescription}.`,
      ],
    );
  },
  round: (ro) =>
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
  booking: (b) =>
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
          `availability p95 during the rush (${b.workload.bookingConcurrency} families booking at every moment)`,
          n(b.spire.availabilityDuringRushMs.p95, ' ms'),
          `≤ ${b.targets.availabilityP95Ms} ms`,
          n(b.naive.availabilityDuringRushMs.p95, ' ms'),
          b.met.availabilityP95,
        ],
        ...(b.steady
          ? [
              [
                `steady rush: the same families arriving ${n(b.steady.arrivalsPerSecond)} a second, searches ${n(b.steady.searchesPerSecond)} a second; availability p95 (p50), booking p95`,
                `${n(b.steady.availabilityDuringRushMs.p95, ' ms')} (${n(b.steady.availabilityDuringRushMs.p50, ' ms')}), ${n(b.steady.bookingLatencyMs.p95, ' ms')}`,
                `availability ≤ ${b.targets.availabilityP95Ms} ms`,
                '',
                b.met.steadyAvailabilityP95 ?? null,
              ] as Row,
            ]
          : []),
        [
          'overbooked unit-days (both rushes)',
          n(b.spire.overbookedUnitDays + (b.steady?.overbookedUnitDays ?? 0)),
          '0',
          n(b.naive.overbookedUnitDays),
          b.met.overbooked,
        ],
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
        `Workload: ${n(b.workload.enrolledChildren)} children in dagtilbud, ${n(b.workload.daycareUnits)} daycare units; ${b.workload.bookingConcurrency} families booking at once and ${b.workload.searchesPerSecond} searches a second; 3 wishes each; a search asks for the ${b.workload.unitsListed ?? 'all'} units the page lists (all are ordered); every family's home geocoded (as a registered address is); before each rush other families search and book quiet units (not counted), as on a running server: up to ${n(b.workload.warmUpFamilies ?? 0)} in at most ${b.workload.warmUpMaxSeconds ?? '–'} s (Spire ${n(b.spire.warmedUp ?? 0)}, naive ${n(b.naive.warmedUp ?? 0)}), and a checkpoint flushes the seed's bulk load.`,
        `Naive: ${b.naiveDescription}.`,
        ...whereTheCoresWent(b.spire.serverCpu),
        ...wherePostgresWent(b.spire.statements),
      ],
    ),
  billing: (bi) => {
    const c = bi.copenhagen,
      d = bi.national;
    return table(
      'Monthly billing run (`npm run bench billing`)',
      bi,
      [
        ...(c
          ? [
              [
                `Copenhagen ${n(c.children)} children, first run`,
                sec(c.firstRun.seconds, c.firstRun.serverCpuSeconds ?? c.firstRun.nodeCpuSeconds),
                `≤ ${bi.targets.copenhagenFirstRunSeconds} s`,
                `${n(c.naive.estimatedSeconds, ' s')} (est.)`,
                bi.met.copenhagenFirstRun,
              ] as Row,
              [
                'Copenhagen, run with no changes',
                sec(
                  c.secondRunNoChanges.seconds,
                  c.secondRunNoChanges.serverCpuSeconds ?? c.secondRunNoChanges.nodeCpuSeconds,
                ),
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
                sec(d.firstRun.seconds, d.firstRun.nodeCpuSeconds),
                `≤ ${bi.targets.nationalFirstRunSeconds} s`,
                `${n(d.naive.estimatedSeconds, ' s')} (est.)`,
                bi.met.nationalFirstRun,
              ] as Row,
            ]
          : []),
        ...(c
          ? [
              [
                'server peak RSS (the Copenhagen server)',
                n(c.serverPeakRssMb, ' MB'),
                '≤ 1,024 MB',
                '',
                c.serverPeakRssMb <= 1024,
              ] as Row,
            ]
          : []),
        // The national run is in the bench's own process, which also holds the generated data: no server to compare.
        [
          'peak RSS of the national run (bench process, generated data included)',
          n(bi.serverPeakRssMb, ' MB'),
          '',
          '',
          null,
        ],
      ],
      [
        `PostgreSQL 15, fsync ${bi.engine.fsync}, synchronous_commit ${bi.engine.synchronousCommit}; ${bi.engine.process ?? ''}.`,
        `Naive: ${bi.naiveDescription}.`,
      ],
    );
  },
  attendance: (at) =>
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
  start: (st) => {
    const phases = (r: any) =>
      r.serverPhases
        ? Object.entries(r.serverPhases as Record<string, { wallMs: number; cpuMs: number }>)
            .map(([k, v]) => `${k} ${n(v.wallMs / 1000, ' s')} / ${n(v.cpuMs / 1000, ' s')}`)
            .join(', ')
        : '–';
    return table(
      'First start and restart (`npm run bench start`)',
      st,
      [
        [
          'first start: `npm start` after `npm ci` → healthy',
          sec(st.firstStart.seconds, st.firstStart.cpuSeconds),
          `≤ ${st.targets.firstStartSeconds} s`,
          `${st.naive.firstStartSeconds} s (issue 15, idle)`,
          st.met.firstStart,
        ],
        ['web build (beside the server opening its database)', n(st.firstStart.webBuildSeconds, ' s'), '', '', null],
        [
          'restart',
          sec(st.restart.seconds, st.restart.cpuSeconds),
          `≤ ${st.targets.restartSeconds} s`,
          '',
          st.met.restart,
        ],
        [
          'server peak RSS',
          n(Math.max(st.firstStart.serverPeakRssMb ?? 0, st.restart.serverPeakRssMb ?? 0), ' MB'),
          '≤ 1,024 MB',
          '',
          st.met.serverRss,
        ],
      ],
      [
        `${st.engine}; \`npm ci\` itself (network) is not timed; fresh data directory, tsx cache and dist/ (web and server builds).`,
        `Server phases, wall / CPU — first start: ${phases(st.firstStart)}; restart: ${phases(st.restart)}.`,
      ],
    );
  },
  subsidies: (su) => {
    const t = su.targets,
      d = su.durability ?? {};
    const naiveEst = `${n(su.naive.estimatedSeconds, ' s')} (est. from ${n(su.naive.sampledCases)} cases)`;
    /** Wall seconds with the server's and PostgreSQL's CPU (older in-process results: Node CPU). */
    const cpus = (r: any) =>
      r.serverCpuSeconds === undefined
        ? sec(r.seconds, r.nodeCpuSeconds)
        : `${n(r.seconds, ' s')} (server CPU ${n(r.serverCpuSeconds, ' s')}, PostgreSQL ${n(r.postgresCpuSeconds, ' s')})`;
    const preview = (label: string, p: any): Row[] =>
      p ? [[`${label} (${n(p.changes)} changes, ${n(Math.round(p.bytes / 1024), ' kB')})`, cpus(p), '', '', null]] : [];
    const rss = su.serverPeakRssMb ?? su.peakRssMb;
    const http = su.driven !== undefined;
    return table(
      'Tilskud til privat pasning: monthly payout run (`npm run bench subsidies`)',
      su,
      [
        [
          `first run${http ? ' over HTTP (POST → done)' : ''}: ${n(su.cases)} approved cases, ${n(su.firstRun.lines)} lines`,
          cpus(su.firstRun),
          `≤ ${t.firstRunSeconds} s`,
          naiveEst,
          su.firstRun.seconds <= t.firstRunSeconds,
        ],
        [
          `run with no changes${http ? ' over HTTP' : ''} (rows written: ${n(su.secondRunNoChanges.rowsWritten)})`,
          cpus(su.secondRunNoChanges),
          `≤ ${t.noChangeSeconds} s, 0 rows`,
          naiveEst,
          su.secondRunNoChanges.seconds <= t.noChangeSeconds && su.secondRunNoChanges.rowsWritten === 0,
        ],
        ...preview("the page's preview before the first run", su.firstRun.preview),
        ...preview("the page's preview before the re-run", su.secondRunNoChanges.preview),
        ...(su.inProcess
          ? [
              [
                `the same first run in-process (runMonth on a copy; the same rows written: ${yes(su.inProcess.sameAsHttp)})`,
                sec(su.inProcess.seconds, su.inProcess.nodeCpuSeconds),
                '',
                '',
                null,
              ] as Row,
            ]
          : []),
        [http ? 'server peak RSS' : 'peak RSS (in-process)', n(rss, ' MB'), '≤ 1,024 MB', '', rss <= t.serverRssMb],
      ],
      [
        http
          ? `PostgreSQL 15, fsync ${d.fsync}, synchronous_commit ${d.synchronousCommit}, full_page_writes ${d.fullPageWrites}; driven over HTTP as the finance page does it: a Copenhagen finance officer's session (cookie + CSRF) previews (GET /api/staff/subsidies/payouts/preview) and approves (POST /api/staff/subsidies/payouts, answered when the run is done: one transaction with its audit row) on a separate server process with the default pool.`
          : `PostgreSQL 15, fsync ${d.fsync}, synchronous_commit ${d.synchronousCommit}, full_page_writes ${d.fullPageWrites}; the run in-process (the function the finance page's job calls), one transaction.`,
        `Workload: ${n(su.cases)} cases in ${n(su.households)} households with ${n(su.carers)} private carers; ${n(su.providers)} private providers with ${n(su.enrolments)} enrolled children (friplads, søskendetilskud through dagtilbud siblings).`,
        `Naive${http ? ' (in the bench process: the obvious implementation, no HTTP)' : ''}: one case at a time, a query per fact (case, child, terms, rates, paid) and one insert per line, timed on a sample and scaled linearly (${su.naive.note}).`,
      ],
    );
  },
  reporting: (re) => {
    const x = re.national,
      c = re.copenhagen,
      e = re.engine ?? {};
    const naive = (y: any) =>
      `${n(y.naiveSeconds, ' s')} (×${n(y.ratioNaiveToFast)}; same figures: ${yes(y.naiveSameFigures)})`;
    const ph = x.phases ?? {};
    const runsOf = (y: any) =>
      y.runs ? `; median of ${y.runs.length} runs (${y.runs.map((s: number) => n(s)).join(', ')} s)` : '';
    const inProcess = (y: any) =>
      y.inProcessSeconds === undefined ? '' : `; in-process ${n(y.inProcessSeconds, ' s')}`;
    const rss = re.serverPeakRssMb ?? re.peakRssMb;
    return table(
      'Danmarks Statistik and FLIS monthly extracts over HTTP (`npm run bench reporting`)',
      re,
      [
        [
          `national over HTTP, each municipality's consultant delivers DS + FLIS, two municipalities at a time: ${n(x.municipalities)} municipalities, ${n(x.units)} units, ${n(x.children)} children${runsOf(x)}${inProcess(x)}`,
          sec(x.seconds, x.serverCpuSeconds ?? x.nodeCpuSeconds),
          `≤ ${re.targets.nationalSeconds} s`,
          naive(x),
          re.met.national,
        ],
        [
          `Copenhagen over HTTP, its consultant delivers DS + FLIS: ${n(c.units)} units, ${n(c.children)} children${runsOf(c)}${inProcess(c)}`,
          sec(c.seconds, c.serverCpuSeconds ?? c.nodeCpuSeconds),
          `≤ ${re.targets.copenhagenSeconds} s`,
          naive(c),
          re.met.copenhagen,
        ],
        [
          'payloads failing their schema (DS + FLIS, all municipalities)',
          n(x.validationErrors),
          '0',
          '',
          x.validationErrors === 0,
        ],
        [
          re.serverPeakRssMb ? 'peak RSS (server process)' : 'peak RSS (in-process)',
          n(rss, ' MB'),
          '≤ 1,024 MB',
          '',
          rss <= 1024,
        ],
      ],
      [
        `PostgreSQL 15, fsync ${e.fsync}, synchronous_commit ${e.synchronousCommit}, full_page_writes ${e.fullPageWrites}; ${e.process}; after one warm-up run; CPU is the server's. Every delivery answered 200 'delivered' with the checksum of the payload computed in-process (same payloads: ${yes(x.sameAsInProcess)}); the delivery log is emptied between runs, so each is a month's first delivery. PostgreSQL's CPU in the median run: national ${n(x.postgresCpuSeconds, ' s')}, Copenhagen ${n(c.postgresCpuSeconds, ' s')}.`,
        `National phases timed alone, in-process: child groups ${n(ph.childGroupsSeconds, ' s')}, staff ${n(ph.employeesSeconds, ' s')}; the per-child statements it replaced: placements ${n(ph.placementsSeconds, ' s')}, birth dates ${n(ph.birthDatesSeconds, ' s')}, fee facts ${n(ph.feeFactsSeconds, ' s')}.`,
        `Naive: ${re.naiveDescription}.`,
      ],
    );
  },
};

/** The booking rush's profile in one sentence: where the machine's cores went, and what a request waited for. */
function whereTheCoresWent(c: any): string[] {
  if (!c?.coresBusy) return [];
  const busy = c.coresBusy;
  const loop = c.eventLoopDelayMs
    ? ` The server's event loop was late by ${n(c.eventLoopDelayMs.p50, ' ms')} at the median and ${n(c.eventLoopDelayMs.p95, ' ms')} at p95, and the kernel preempted the server ${n(c.preemptionsPerSecond)} times a second (it gave up the CPU itself ${n(c.voluntarySwitchesPerSecond)} times): a request waits about one loop turn per database round trip.`
    : '';
  return [
    `Where the cores went during Spire's rush: the server ${n(busy.server)} of a core (${n(c.msPerRequest, ' ms')} CPU per request), PostgreSQL ${n(busy.postgres)} (${n(c.postgresMsPerRequest, ' ms')}), the families' clients ${n(busy.loadGenerator)} (${n(c.loadGeneratorMsPerRequest, ' ms')}).${loop}`,
  ];
}

/** The statements that took most of PostgreSQL's execution time during the rush (pg_stat_statements). */
function wherePostgresWent(list: { calls: number; totalMs: number; meanMs: number; query: string }[] | undefined) {
  if (!list?.length) return [];
  const each = list.map(
    (x) => `${n(x.calls)} × ${n(x.meanMs, ' ms')} \`${x.query.replace('/* prepared */ ', '').replace(/`/g, "'")}…\``,
  );
  return [`Where PostgreSQL's execution time went during the rush (pg_stat_statements): ${each.join('; ')}.`];
}

const sections: string[] = [];
const notRun: string[] = [];
for (const name of ALL) {
  const r = readJson(resultFile(name));
  const f = readJson(failureFile(name));
  // A failure newer than the saved result (a failed run leaves the previous result file in place).
  const failure = f && (!r || String(f.machine?.at) > String(r.machine?.at)) ? f : null;
  if (!r && !failure) {
    notRun.push(name);
    continue;
  }
  if (failure)
    sections.push(
      [
        `## \`${name}\`: failed`,
        '',
        header(failure.machine),
        '',
        `failed: ${failure.reason}`,
        '',
        r ? `The last successful run follows.\n` : '',
      ].join('\n'),
    );
  if (!r) continue;
  try {
    sections.push(RENDER[name](r));
  } catch (e) {
    sections.push(`## \`${name}\`\n\nfailed: its saved result could not be read (${(e as Error).message}).\n`);
  }
}

const doc = [
  '# Benchmarks',
  '',
  '<!-- Generated by `npm run bench:report` (bench/report.ts) from bench/results/*.json. Do not edit by hand. -->',
  '',
  small ? '**SMALL SCALE (`--scale small`): a check that the benchmarks work, not published figures.**\n' : null,
  'Every benchmark drives Spire the way its users do (HTTP with real sessions and access checks, a separate server process',
  'with the default pool, PostgreSQL 15 with default durability), counts only what succeeded, and runs its naive baseline',
  'on the same workload. Figures are wall-clock on the machine named under each table (with Node CPU seconds where',
  'measured); a busy machine (load average above its cores) makes wall-clock figures meaningless: regenerate on an idle machine.',
  '',
  runMinutes !== null ? `This run took ${runMinutes.toFixed(0)} minutes.\n` : null,
  notRun.length ? `Not run yet: ${notRun.join(', ')}.\n` : null,
  ...sections,
]
  .filter((x) => x !== null)
  .join('\n');
const out = small ? new URL('bench/results/benchmarks.small.md', ROOT) : new URL('docs/benchmarks.md', ROOT);
writeFileSync(out, doc + '\n');
console.error(`wrote ${fileURLToPath(out)}${failedNow.length ? `; failed: ${failedNow.join(', ')}` : ''}`);
process.exit(failedNow.length ? 1 : 0);
