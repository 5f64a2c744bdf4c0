// Real register units (STIL Dagtilbudsregister snapshot) for the demo municipalities, shipped in data/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type InstitutionKind = 'aldersintegreret' | 'vuggestue' | 'boernehave' | 'dagpleje' | 'klub' | 'sfo';

export interface InstitutionRecord {
  number: string;
  name: string;
  kind: InstitutionKind;
  ownership: 'kommunal' | 'selvejende' | 'privat';
  municipality: string;
  municipalityCode: string;
  street: string;
  postalCode: string;
  city: string;
  lat: number;
  lng: number;
  monthlyRates: Record<string, number>;
}

const FILE = fileURLToPath(new URL('../../data/institutions.json', import.meta.url));

let cache: InstitutionRecord[] | null = null;

export function loadInstitutions(municipalityCode: string): InstitutionRecord[] {
  cache ??= (JSON.parse(readFileSync(FILE, 'utf8')) as { units: InstitutionRecord[] }).units;
  return cache
    .filter((u) => u.municipalityCode === municipalityCode)
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}
