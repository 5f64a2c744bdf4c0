// The citizen portal's front page.
import { Link } from 'react-router-dom';
import { Page } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import { isStaffRole, useSession } from '../shared/session.js';

export function CitizenHomePage() {
  const { t } = useT();
  const { me } = useSession();
  const cards = [
    { to: '/institutioner', title: t('home.find'), text: t('home.findText') },
    { to: '/mine-boern', title: t('home.children'), text: t('home.childrenText') },
  ];
  if (!me?.user || isStaffRole(me.user.role))
    cards.push({ to: '/staff', title: t('home.staff'), text: t('home.staffText') });
  return (
    <Page title={t('home.title')} lead={t('home.intro')}>
      <ul className="card-grid link-cards">
        {cards.map((c) => (
          <li key={c.to} className="card">
            <h2>
              <Link to={c.to}>{c.title}</Link>
            </h2>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
