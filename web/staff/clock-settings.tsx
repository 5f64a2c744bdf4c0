// Settings (admin): the demo clock, i.e. which date the system treats as today.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.js';
import { ErrorMessage, Field, Loading, Page, Status, useApi } from '../shared/components.js';
import { formatDate } from '../shared/format.js';
import { useT } from '../shared/i18n.js';
import { useSession } from '../shared/session.js';
import type { z } from 'zod';
import type { systemContract } from '../../src/platform/http/system-routes.js';

type Clock = z.infer<typeof systemContract.clock.response>;
import { MunicipalSettings } from './municipal-settings.js';

export function ClockSettingsPage() {
  const { t, lang } = useT();
  const id = useId();
  const { refresh } = useSession();
  const { data, error, loading, reload, setData } = useApi<Clock>('/api/staff/clock');
  const [today, setToday] = useState('');
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (data) setToday(data.today);
  }, [data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaveError(null);
    setSaved(null);
    try {
      const c = await api.put<Clock>('/api/staff/clock', { today });
      setData(c);
      setSaved(t('clock.saved', { date: formatDate(c.today, lang) }));
      await refresh();
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('clock.title')}>
      <section aria-labelledby={id + 'h'} className="panel narrow">
        <h2 id={id + 'h'}>{t('clock.heading')}</h2>
        <p>{t('clock.intro')}</p>
        {loading && !data && <Loading />}
        <ErrorMessage error={error} onRetry={reload} />
        {data && (
          <>
            <p>
              <strong>{t('clock.current', { date: formatDate(data.today, lang) })}</strong>
            </p>
            {!data.demo && <p className="notice">{t('clock.notDemo')}</p>}
            <form onSubmit={(e) => void submit(e)} className="filter-row">
              <Field id={id + 'd'} label={t('clock.today')}>
                <input
                  id={id + 'd'}
                  type="date"
                  required
                  disabled={!data.demo}
                  value={today}
                  onChange={(e) => setToday(e.target.value)}
                />
              </Field>
              <div className="field field-button">
                <button type="submit" className="button" disabled={busy || !data.demo}>
                  {busy ? t('saving') : t('clock.set')}
                </button>
              </div>
            </form>
            <Status text={saved} />
            <ErrorMessage error={saveError} />
          </>
        )}
      </section>
      <MunicipalSettings />
    </Page>
  );
}
