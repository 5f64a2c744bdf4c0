// Calls for the same key that arrive while that key's batch runs wait, and run together as its next batch: a popular
// unit's bookings in a rush share one statement and one commit instead of queueing for one each.
type Waiting<T, R> = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };

export class Batches<T, R> {
  private waiting = new Map<string, Waiting<T, R>[]>();
  private running = new Set<string>();

  /** `run` answers each item of a batch in order: a value, or an Error to reject that item's call with. */
  constructor(private readonly run: (key: string, items: T[]) => Promise<(R | Error)[]>) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ item, resolve, reject });
      else this.waiting.set(key, [{ item, resolve, reject }]);
      if (!this.running.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string) {
    this.running.add(key);
    for (let list = this.waiting.get(key); list; list = this.waiting.get(key)) {
      this.waiting.delete(key);
      try {
        const out = await this.run(
          key,
          list.map((w) => w.item),
        );
        list.forEach((w, i) => {
          const r = out[i]!;
          if (r instanceof Error) w.reject(r);
          else w.resolve(r);
        });
      } catch (e) {
        for (const w of list) w.reject(e);
      }
    }
    this.running.delete(key);
  }
}
