// The staff app's front page: one card per area the role may use.
import { Link } from 'react-router-dom';
import { Page } from '../shared/components.js';
import { useT, type Key } from '../shared/i18n.js';
import { staffNav } from '../shared/layout.js';
import { useSession } from '../shared/session.js';

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
  const items = staffNav(user.role).filter((n) => texts[n.to]);
  return (
    <Page title={t('staff.title', { name: user.name })} lead={t('staff.intro')}>
      <ul className="card-grid link-cards">
        {items.map((n) => (
          <li key={n.to} className="card">
            <h2>
              <Link to={n.to}>{t(n.label)}</Link>
            </h2>
            <p>{t(texts[n.to]!)}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
