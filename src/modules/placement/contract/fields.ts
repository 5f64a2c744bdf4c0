// The field schemas every part of the placement contract uses.
import { z } from 'zod';
import { PLACE_KINDS } from '../rules.js';

export const id = z.guid();
export const isoDate = z.string();
export const Text = z.object({ da: z.string(), en: z.string() });
export const placeKind = z.enum(
  PLACE_KINDS as readonly [(typeof PLACE_KINDS)[number], ...(typeof PLACE_KINDS)[number][]],
);
export const placementKind = z.enum(['dagtilbud', 'fritidstilbud', 'klub']);
export const priority = z.enum(['special_needs', 'moving_in', 'sibling', 'distance', 'seniority']);
export const byId = z.object({ id: z.uuid() });
export const wishes = z.array(z.uuid()).min(1).max(10);
export const hours = z.union([z.literal(30), z.literal(40)]);
export const reason = z.string().trim().min(3).max(500);
export const weeklyHours = z.number().int().min(1).max(60);
