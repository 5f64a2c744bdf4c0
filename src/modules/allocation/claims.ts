// The claims of every agent at every unit, in each unit's priority order, as flat arrays the engine scans quickly.
import type { Demand } from './demand.js';
import type { Agent } from './model.js';

/**
 * Every agent's claim at every unit, as parallel arrays (no object per claim): unit u's claims are the indices
 * claimStart[u] .. claimStart[u + 1] - 1, best priority first. Claim i is agent claimAgent[i]'s wish number
 * claimPos[i] (lower = preferred), with its key and demand there (agents[agent].wishes[pos]).
 */
export interface Claims {
  start: Int32Array;
  agent: Int32Array;
  pos: Int32Array;
  key: Float64Array;
  demand: Demand[];
}

const UNSET: Demand = { from: 0, w: new Float64Array(0) };

/**
 * Each unit's claims best priority first: a counting sort over the keys (class × N + rank, below `keys`, distinct at
 * a unit) instead of a comparison sort per unit, then a stable bucket by unit keeps that order within each unit.
 * Sets each agent wish's `claim` to its index. The passes in key order touch only typed arrays (indexed by the
 * wish's number in agent order); the wish objects are read and written in agent order (memory order, not random).
 */
export function buildClaims(agents: Agent[], nUnits: number, keys: number): Claims {
  const keyCount = new Int32Array(keys + 1);
  const start = new Int32Array(nUnits + 1);
  let total = 0;
  for (let a = 0; a < agents.length; a++)
    for (let k = 0; k < agents[a]!.wishes.length; k++) {
      const w = agents[a]!.wishes[k]!; // indexed loops: see buildAgents
      keyCount[w.key + 1]!++;
      start[w.unit + 1]!++;
      total++;
    }
  for (let k = 1; k < keyCount.length; k++) keyCount[k]! += keyCount[k - 1]!;
  for (let u = 1; u <= nUnits; u++) start[u]! += start[u - 1]!;
  const unitOf = new Int32Array(total), // per wish in agent order
    byKey = new Int32Array(total); // wish numbers in key order
  for (let p = 0, a = 0; a < agents.length; a++)
    for (let k = 0; k < agents[a]!.wishes.length; k++) {
      const w = agents[a]!.wishes[k]!;
      unitOf[p] = w.unit;
      byKey[keyCount[w.key]!++] = p++;
    }
  const claimOf = new Int32Array(total),
    fill = start.slice(0, nUnits);
  for (let i = 0; i < total; i++) claimOf[byKey[i]!] = fill[unitOf[byKey[i]!]!]!++;
  const claims: Claims = {
    start,
    agent: new Int32Array(total),
    pos: new Int32Array(total),
    key: new Float64Array(total),
    demand: Array<Demand>(total).fill(UNSET), // one allocation, each set below
  };
  for (let p = 0, a = 0; a < agents.length; a++) {
    const ws = agents[a]!.wishes;
    for (let k = 0; k < ws.length; k++) {
      const w = ws[k]!,
        at = claimOf[p++]!;
      claims.agent[at] = a;
      claims.pos[at] = k;
      claims.key[at] = w.key;
      claims.demand[at] = w.demand;
      w.claim = at;
    }
  }
  return claims;
}
