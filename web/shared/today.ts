// "Today" in the web is Spire's clock (the server's, which an administrator may set in the demo), never the browser's
// own date: default months, years, calendars and ages all start from here. It arrives with the session (/api/auth/me).
import { useSession } from './session.js';

/** Today as 'YYYY-MM-DD' from the server. Pages render after the session has loaded, so it is always known. */
export function useToday(): string {
  const today = useSession().me?.today;
  if (!today) throw new Error('useToday before the session has loaded');
  return today;
}

/** The calendar year of an ISO date. */
export const yearOf = (iso: string): number => Number(iso.slice(0, 4));

/** 'YYYY-MM' of an ISO date moved by `n` months (n may be negative). */
export function plusMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)),
    m = Number(iso.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12),
    month = (((m % 12) + 12) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}
