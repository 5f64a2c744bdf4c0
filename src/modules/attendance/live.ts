// The live feed behind the staff overview: an in-process event bus, one channel per unit.
// Why in-process and not LISTEN/NOTIFY: Spire runs as one Node process, and PGlite (the default engine) has no
// second connection to listen on. Events are published after the transaction commits, so a listener never sees a
// registration that was rolled back. Running several app processes would need NOTIFY fan-out instead.
import { EventEmitter } from 'node:events';

export interface AttendanceChange {
  /** Monotonic per process, lets a client notice a gap. */
  seq: number;
  unitId: string;
  childId: string;
  date: string;
  status: number;
  checkIn: string | null;
  checkOut: string | null;
  pickupBy: string | null;
  kind: 'check_in' | 'check_out' | 'status' | 'pickup' | 'correction' | 'absence';
  /** Epoch milliseconds when the change was published (for lag measurements). */
  at: number;
}

export class AttendanceBus {
  private readonly emitter = new EventEmitter();
  private seq = 0;
  published = 0;
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(change: Omit<AttendanceChange, 'seq' | 'at'>): AttendanceChange {
    // `at`: epoch ms (not a domain date), so a client in another process can measure the lag.
    const full = { ...change, seq: ++this.seq, at: Math.round(performance.timeOrigin + performance.now()) };
    this.published++;
    this.emitter.emit(change.unitId, full);
    return full;
  }
  subscribe(unitId: string, listener: (c: AttendanceChange) => void): () => void {
    this.emitter.on(unitId, listener);
    return () => {
      this.emitter.off(unitId, listener);
    };
  }
  listeners(unitId: string): number {
    return this.emitter.listenerCount(unitId);
  }
}

/** One bus per app instance (tests build several apps in one process). */
const buses = new WeakMap<object, AttendanceBus>();
export function busFor(app: object): AttendanceBus {
  let bus = buses.get(app);
  if (!bus) {
    bus = new AttendanceBus();
    buses.set(app, bus);
  }
  return bus;
}
