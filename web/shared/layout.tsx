// Page frame: skip link, header with demo banner, language toggle, user and navigation; main; footer.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage, Loading, Page } from './components.js';
import { formatDate } from './format.js';
import { useT, type Key } from './i18n.js';
import { isStaffRole, useCan, useSession } from './session.js';
import type { Role } from './types.js';

interface NavItem {
  to: string;
  label: Key;
  end?: boolean;
}

const citizenNav: NavItem[] = [
  { to: '/', label: 'nav.home', end: true },
  { to: '/institutioner', label: 'nav.institutions' },
  { to: '/mine-boern', label: 'nav.myChildren' },
  { to: '/book-plads', label: 'nav.book' },
  { to: '/betaling', label: 'nav.payment' },
  { to: '/post', label: 'nav.post' },
  { to: '/fremmoede', label: 'nav.parentAttendance' },
  { to: '/pladser', label: 'nav.placement' },
  { to: '/tilskud', label: 'nav.subsidies' },
];

/** What a staff role may use; the server checks the same on every request. `can` is useCan() (the server's policy). */
export function staffNav(can: (action: string) => boolean): NavItem[] {
  const items: NavItem[] = [
    { to: '/staff', label: 'nav.staffHome', end: true },
    { to: '/staff/institutioner', label: 'nav.units' },
    { to: '/staff/boern', label: 'nav.children' },
  ];
  if (can('people.cpr-import')) items.push({ to: '/staff/cpr', label: 'nav.cpr' });
  if (can('booking.outlook')) items.push({ to: '/staff/belaegning', label: 'outlook.nav' });
  if (can('booking.simulate')) items.push({ to: '/staff/politiksimulator', label: 'sim.nav' });
  items.push({ to: '/staff/fremmoede', label: 'nav.attendance' });
  if (can('billing.manage')) items.push({ to: '/staff/opkraevning', label: 'nav.billing' });
  if (can('subsidies.read')) items.push({ to: '/staff/tilskud', label: 'nav.subsidyCases' });
  if (can('subsidies.pay')) items.push({ to: '/staff/tilskud-udbetaling', label: 'nav.subsidyPayouts' });
  if (can('subsidies.read')) items.push({ to: '/staff/private-tilbud', label: 'nav.subsidyProviders' });
  if (can('subsidies.rates')) items.push({ to: '/staff/tilskudstakster', label: 'nav.subsidyRates' });
  if (can('registry.import')) items.push({ to: '/staff/dagtilbudsregister', label: 'register.nav' });
  if (can('registry.deliveries')) items.push({ to: '/staff/indberetninger', label: 'deliveries.nav' });
  if (can('reporting.read'))
    items.push(
      { to: '/staff/indberetning', label: 'nav.reporting' },
      { to: '/staff/normering', label: 'nav.normering' },
    );
  if (can('unilogin.read')) items.push({ to: '/staff/unilogin', label: 'uni.nav' });
  if (can('placement.read'))
    items.push({ to: '/staff/venteliste', label: 'nav.waitlist' }, { to: '/staff/garanti', label: 'nav.guarantee' });
  if (can('placement.allocate')) items.push({ to: '/staff/runde', label: 'nav.round' });
  if (can('placement.read'))
    items.push({ to: '/staff/indbakke', label: 'nav.inbox' }, { to: '/staff/pladsregler', label: 'nav.policy' });
  if (can('users.read')) items.push({ to: '/staff/brugere', label: 'nav.users' });
  if (can('audit.search')) items.push({ to: '/staff/audit', label: 'nav.audit' });
  if (can('settings.change')) items.push({ to: '/staff/indstillinger', label: 'nav.settings' });
  if (can('retention.read')) items.push({ to: '/staff/sletning', label: 'retention.nav' });
  return items;
}

function Shell({ staff, nav, children }: { staff: boolean; nav: NavItem[]; children: ReactNode }) {
  const { t, lang, setLang } = useT();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  // On a phone the user tools and the menu are collapsed behind one button; a route change closes them again.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  useEffect(() => {
    setMenuOpen(false);
    // After a route change, move focus to the content so screen readers start there.
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);
  const user = me?.user ?? null;
  const other = lang === 'da' ? 'en' : 'da';

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header
        className={['site-header', staff && 'site-header-staff', menuOpen && 'menu-open'].filter(Boolean).join(' ')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setMenuOpen(false);
        }}
      >
        {me?.demo && (
          <div className="demo-banner">
            <p className="container">{t('demo.banner', { today: formatDate(me.today, lang) })}</p>
          </div>
        )}
        <div className="container header-inner">
          <Link to={staff ? '/staff' : '/'} className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tag">{staff ? t('app.staffTag') : t('app.tagline')}</span>
          </Link>
          <button
            type="button"
            className="menu-toggle button-secondary"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span className="menu-icon" aria-hidden="true" />
            {t('nav.menu')}
          </button>
          <div className="header-tools">
            <button type="button" className="button-link" lang={other} onClick={() => setLang(other)}>
              {t('lang.switch')}
            </button>
            {user ? (
              <>
                <span className="user-info">
                  {t('user.loggedInAs')} <strong>{user.name}</strong>{' '}
                  <span className="muted">
                    ({t(`role.${user.role}`)}
                    {user.municipality ? `, ${user.municipality.name} ${t('user.municipality')}` : ''})
                  </span>
                </span>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    void logout().then(() => navigate('/'));
                  }}
                >
                  {t('user.logout')}
                </button>
              </>
            ) : (
              <Link className="button-secondary" to="/login">
                {t('nav.login')}
              </Link>
            )}
          </div>
        </div>
        <nav id={menuId} className="site-nav" aria-label={staff ? t('nav.staffMenu') : t('nav.main')}>
          <ul className="container">
            {nav.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end}>
                  {t(n.label)}
                </NavLink>
              </li>
            ))}
            {staff && (
              <li className="nav-aside">
                <Link to="/">{t('nav.citizen')}</Link>
              </li>
            )}
            {!staff && isStaffRole(user?.role) && (
              <li className="nav-aside">
                <Link to="/staff">{t('nav.staff')}</Link>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <p className="container">{t('app.footer')}</p>
      </footer>
    </>
  );
}

export function CitizenLayout() {
  return (
    <Shell staff={false} nav={citizenNav}>
      <Outlet />
    </Shell>
  );
}

export function StaffLayout() {
  const { me, loading, error, refresh } = useSession();
  const role = me?.user?.role;
  const can = useCan();
  return (
    <Shell staff nav={role && isStaffRole(role) ? staffNav(can) : []}>
      {loading ? (
        <Loading />
      ) : error ? (
        <ErrorMessage error={error} onRetry={() => void refresh()} />
      ) : (
        <StaffGate role={role} />
      )}
    </Shell>
  );
}

function StaffGate({ role }: { role: Role | undefined }) {
  if (!role) return <LoginRequired />;
  if (!isStaffRole(role)) return <NoAccess />;
  return <Outlet />;
}

export function LoginRequired() {
  const { t } = useT();
  return (
    <Page title={t('auth.title')} lead={t('auth.text')}>
      <p>
        <Link className="button" to="/login">
          {t('nav.login')}
        </Link>
      </p>
    </Page>
  );
}

export function NoAccess() {
  const { t } = useT();
  return <Page title={t('noAccess.title')} lead={t('noAccess.text')} />;
}

/** Admin-only pages. */
export function RequirePermission({ action, children }: { action: string; children: ReactNode }) {
  const can = useCan();
  return can(action) ? <>{children}</> : <NoAccess />;
}

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { me } = useSession();
  return me?.user && roles.includes(me.user.role) ? <>{children}</> : <NoAccess />;
}

export function NotFound() {
  const { t } = useT();
  return (
    <Page title={t('notFound.title')}>
      <p>
        <Link to="/">{t('notFound.text')}</Link>
      </p>
    </Page>
  );
}
