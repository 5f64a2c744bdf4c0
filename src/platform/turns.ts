// Each turn of Node's event loop runs every callback whose input has arrived. When a rush keeps the loop busy, a
// family's search would wait, at each of its steps, behind the work of every booking that arrived with it. So work
// that no one waits for at a page (everything but the interactive routes) resumes from here: one step per turn, in
// arrival order. An interactive step then waits for at most one other step, whatever the queue holds.
const waiting: (() => void)[] = [];
let head = 0;

/** Resumes the longest waiting caller; one more turn while others wait (one is pending exactly while any waits). */
function resumeOne() {
  const next = waiting[head++]!;
  if (head === waiting.length) waiting.length = head = 0;
  else {
    // A queue that never empties (a long rush) drops what it has resumed now and then.
    if (head >= 1024) {
      waiting.splice(0, head);
      head = 0;
    }
    setImmediate(resumeOne);
  }
  next();
}

/** Resumes the caller in a later turn, after the interactive work that was ready, one caller per turn. */
export function laterTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (waiting.push(resolve) - head === 1) setImmediate(resumeOne);
  });
}
