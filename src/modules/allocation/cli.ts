// `spire allocate --in instance.json [--out result.json]`: one allocation round from a file, format in
// docs/formats/allocation.md. Invalid input: exit code 2 and a message naming what is wrong, nothing written.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { allocate } from './engine.js';
import { parseAllocationInput } from './schema.js';

export function allocateCli(args: string[]): number {
  const arg = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const inPath = arg('--in'),
    outPath = arg('--out');
  if (!inPath) {
    console.error('usage: spire allocate --in instance.json [--out result.json]');
    return 2;
  }
  let input;
  try {
    input = parseAllocationInput(JSON.parse(readFileSync(inPath, 'utf8')));
  } catch (e: any) {
    console.error(`invalid allocation input ${inPath}:\n${e instanceof z.ZodError ? z.prettifyError(e) : e.message}`);
    return 2;
  }
  const t0 = performance.now();
  const result = allocate(input);
  const seconds = Math.round(performance.now() - t0) / 1000;
  const json = JSON.stringify(result, null, 2);
  if (outPath) {
    writeFileSync(outPath, json + '\n');
    console.log(JSON.stringify({ out: outPath, seconds, ...result.metrics }));
  } else console.log(json);
  return 0;
}
