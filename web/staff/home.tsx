// The staff app's front page: the actor's work for today from every module, then one card per area the role may use.
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading, Page, useApi } from '../shared/components.js';
import { formatDate, formatMonth } from '../shared/format.js';
import { IconAlert, IconInfo, IconWarning } from '../shared/icons.js';
import { isKey, useT, type Key } from '../shared/i18n.js';
import { staffNav } from '../shared/layout.js';
import { useCan, useSession } from '../shared/session.js';
import type { WorkItem } from '../../src/platform/http/work-routes.js';

const texts: Record<string, Key> = {
  '/staff/institutioner': 'staff.unitsText',
  '/staff/boern': 'staff.childrenText',
  '/staff/audit': 'staff.auditText',
  '/staff/indstillinger': 'staff.settingsText',
  '/staff/fremmoede': 'staff.attendanceText',
};

export function StaffHomePage() {
  const { t } = useT();
  const { me } = useSession();
  const user = me!.user!;
  const items = staffNav(useCan()).filter((n) => texts[n.to]);
  return (
    <Page title={t('staff.title', { name: user.name })} lead={t('staff.intro')}>
      <WorkToday />
      <h2>{t('work.areas')}</h2>
      <ul className="card-grid link-cards">
        {items.map((n) => (
          <li key={n.to} className="card">
            <h3>
              <Link to={n.to}>{t(n.label)}</Link>
            </h3>
            <p>{t(texts[n.to]!)}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

function WorkToday() {
  const { t, lang } = useT();
  const { data, error, loading, reload } = useApi<WorkItem[]>('/api/staff/work');
  const open = (data ?? []).filter((w) => w.count > 0);
  const text = (w: WorkItem) => {
    if (!isKey(w.key)) return `${w.key}: ${w.count}`;
    const params: Record<string, string | number> = { ...w.params, count: w.count };
    if (typeof params.date === 'string') params.date = formatDate(params.date, lang);
    if (typeof params.month === 'string') params.month = formatMonth(params.month, lang);
    const main = t(w.key, params);
    const by = `${w.key}By`;
    return params.date && isKey(by) ? `${main} (${t(by, params)})` : main;
  };
  return (
    <section aria-labelledby="work-today" className="work-today">
      <h2 id="work-today">{t('work.heading')}</h2>
      <ErrorMessage error={error} onRetry={reload} />
      {loading && <Loading />}
      {data && open.length === 0 && <p>{t('work.none')}</p>}
      {open.length > 0 && (
        <ul className="work-list">
          {open.map((w) => (
            <li key={`${w.module}-${w.key}-${w.link}`} className={`work-item tone-${w.tone}`}>
              <ToneIcon tone={w.tone} />
              <Link to={w.link}>
                {w.tone !== 'info' && <span className="visually-hidden">{t(`work.tone.${w.tone}`)}: </span>}
                {text(w)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ToneIcon({ tone }: { tone: WorkItem['tone'] }) {
  const I = tone === 'danger' ? IconAlert : tone === 'warning' ? IconWarning : IconInfo;
  return <I className={`tone-icon tone-${tone}`} />;
}
