// Everything a benchmark starts (PostgreSQL clusters, server processes) registers its stop here, and it runs on every
// exit path: normal end, exception, unhandled rejection, SIGINT/SIGTERM/SIGHUP, process.exit. Stops are synchronous
// (spawnSync, kill) so they also work inside the 'exit' event. A SIGKILL of the benchmark cannot be caught: for that,
// postgres.ts also leaves a small watchdog shell that stops the cluster once this process is gone.
type Stop = () => void;
const stops: Stop[] = [];
let installed = false;

function runStops() {
  while (stops.length) {
    const s = stops.pop()!;
    try {
      s();
    } catch (e) {
      console.error('cleanup failed:', e);
    }
  }
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', runStops);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping what the benchmark started…`);
      runStops();
      process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[sig]);
    });
  }
  process.on('uncaughtException', (e) => {
    console.error(e);
    runStops();
    process.exit(1);
  });
  process.on('unhandledRejection', (e) => {
    console.error(e);
    runStops();
    process.exit(1);
  });
}

/** Registers a stop; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(stop: Stop): () => void {
  install();
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    stop();
  };
  stops.push(once);
  return () => {
    const i = stops.indexOf(once);
    if (i >= 0) stops.splice(i, 1);
    once();
  };
}
