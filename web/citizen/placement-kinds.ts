// The kinds of place a citizen applies for, the unit types that offer each, and the receipt after a change.
import type { ReactNode } from 'react';

export const KINDS = ['dagpleje', 'vuggestue', 'boernehave', 'integreret', 'sfo', 'fritidshjem', 'klub'] as const;
export type Kind = (typeof KINDS)[number];
export const TYPES_FOR: Record<Kind, string[]> = {
  dagpleje: ['dagpleje'],
  vuggestue: ['vuggestue', 'integreret', 'landsbyordning'],
  boernehave: ['boernehave', 'integreret', 'landsbyordning'],
  integreret: ['integreret'],
  sfo: ['sfo', 'landsbyordning'],
  fritidshjem: ['fritidshjem'],
  klub: ['klub'],
};

/** The receipt after a change: what was sent and what happens now (`key` makes a new receipt take focus again). */
export interface Done {
  key: number;
  title: string;
  sent: [string, ReactNode][];
  next: ReactNode;
}
export type Act = <R>(fn: () => Promise<R>, receipt: Done | ((result: R) => Done)) => Promise<void>;
let receipts = 0;
export const done = (title: string, sent: [string, ReactNode][], next: ReactNode): Done => ({
  key: ++receipts,
  title,
  sent,
  next,
});
