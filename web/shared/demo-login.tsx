// /login: the DEMO persona picker. Guardians land on /mine-boern, staff on /staff.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorMessage, Loading, Page, useApi } from './components.js';
import { useT } from './i18n.js';
import { useSession } from './session.js';
import type { Persona } from './types.js';

export function DemoLoginPage() {
  const { t } = useT();
  const { me, login } = useSession();
  const navigate = useNavigate();
  const demo = me?.demo ?? false;
  const personas = useApi<Persona[]>(demo ? '/api/auth/personas' : null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function choose(p: Persona) {
    setBusy(p.id);
    setError(null);
    try {
      const m = await login(p.id);
      void navigate(m.user?.role === 'guardian' ? '/mine-boern' : '/staff');
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  }

  if (me && !demo) return <Page title={t('login.title')} lead={t('login.notDemo')} />;
  const list = personas.data ?? [];
  const groups = [
    { title: t('login.citizens'), items: list.filter((p) => p.role === 'guardian') },
    { title: t('login.staff'), items: list.filter((p) => p.role !== 'guardian') },
  ];
  return (
    <Page title={t('login.title')}>
      <div className="demo-notice">
        <p className="demo-notice-title">{t('login.banner')}</p>
        <p>{t('login.bannerText')}</p>
      </div>
      {me?.user && <p className="notice">{t('login.current', { name: me.user.name })}</p>}
      <ErrorMessage error={error} />
      {(personas.loading || !me) && <Loading />}
      <ErrorMessage error={personas.error} onRetry={personas.reload} />
      {groups.map(
        (g) =>
          g.items.length > 0 && (
            <section key={g.title} className="persona-group" aria-labelledby={'grp-' + g.title}>
              <h2 id={'grp-' + g.title}>{g.title}</h2>
              <ul className="persona-list">
                {g.items.map((p) => (
                  <li key={p.id} className="persona card">
                    <p className="persona-name">{p.name}</p>
                    <p className="persona-role">{t(`role.${p.role}`)}</p>
                    {p.description && <p className="persona-desc">{p.description}</p>}
                    <p className="persona-try" id={'try-' + p.id}>
                      {t(`persona.${p.role}`)}
                    </p>
                    <button
                      type="button"
                      className="button"
                      disabled={busy !== null}
                      aria-label={t('login.as', { name: p.name })}
                      aria-describedby={'try-' + p.id}
                      onClick={() => void choose(p)}
                    >
                      {busy === p.id ? t('loading') : t('nav.login')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ),
      )}
    </Page>
  );
}
