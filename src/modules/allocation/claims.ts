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

/**
 * Each unit's claims best priority first: a counting sort over the keys (class × N + rank, below `keys`, distinct at
 * a unit) instead of a comparison sort per unit, then a stable bucket by unit keeps that order within each unit.
 * Sets each agent wish's `claim` to its index.
 */
export function buildClaims(agents: Agent[], nUnits: number, keys: number): Claims {
  const keyCount = new Int32Array(keys + 1);
  const start = new Int32Array(nUnits + 1);
  for (const ag of agents)
    for (const w of ag.wishes) {
      keyCount[w.key + 1]!++;
      start[w.unit + 1]!++;
    }
  for (let k = 1; k < keyCount.length; k++) keyCount[k]! += keyCount[k - 1]!;
  for (let u = 1; u <= nUnits; u++) start[u]! += start[u - 1]!;
  const total = start[nUnits]!;
  const byKey = new Int32Array(total * 2); // (agent, position in its list) pairs by key
  for (const ag of agents)
    for (let p = 0; p < ag.wishes.length; p++) {
      const at = keyCount[ag.wishes[p]!.key]!++ * 2;
      byKey[at] = ag.index;
      byKey[at + 1] = p;
    }
  const demand: Demand[] = [];
  demand.length = total; // filled out of order, by unit
  const claims: Claims = {
    start,
    agent: new Int32Array(total),
    pos: new Int32Array(total),
    key: new Float64Array(total),
    demand,
  };
  const fill = start.slice(0, nUnits);
  for (let i = 0; i < byKey.length; i += 2) {
    const agent = byKey[i]!,
      pos = byKey[i + 1]!,
      w = agents[agent]!.wishes[pos]!,
      at = fill[w.unit]!++;
    claims.agent[at] = agent;
    claims.pos[at] = pos;
    claims.key[at] = w.key;
    claims.demand[at] = w.demand;
    w.claim = at;
  }
  return claims;
}
