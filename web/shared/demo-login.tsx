// /login: the DEMO persona picker; without the demo, the municipality's identity provider (OIDC) and, only when the
// installation turned it on (SPIRE_LOCAL_IDP=true), the clearly marked local development login. Guardians land on
// /mine-boern, staff on /staff.
import { useState, type FormEvent } from 'react';
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

  if (me && !demo) return <RealLoginPage />;
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

function RealLoginPage() {
  const { t } = useT();
  const { me, localLogin } = useSession();
  const navigate = useNavigate();
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const login = me?.login ?? { oidc: false, localIdp: false };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const m = await localLogin(subject.trim());
      void navigate(m.user?.role === 'guardian' ? '/mine-boern' : '/staff');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Page title={t('login.title')}>
      {me?.user && <p className="notice">{t('login.current', { name: me.user.name })}</p>}
      {login.oidc && (
        <section className="card" aria-labelledby="login-oidc">
          <h2 id="login-oidc">{t('login.oidcTitle')}</h2>
          <p>{t('login.oidcText')}</p>
          <a className="button" href="/api/auth/oidc/login">
            {t('login.oidcButton')}
          </a>
        </section>
      )}
      {login.localIdp && (
        <section className="card" aria-labelledby="login-local">
          <div className="demo-notice">
            <h2 className="demo-notice-title" id="login-local">
              {t('login.localTitle')}
            </h2>
            <p>{t('login.localText')}</p>
          </div>
          <ErrorMessage error={error} />
          <form onSubmit={(e) => void submit(e)}>
            <label htmlFor="local-subject">{t('login.localSubject')}</label>
            <input
              id="local-subject"
              autoComplete="username"
              required
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy || !subject.trim()}>
              {busy ? t('loading') : t('login.localButton')}
            </button>
          </form>
        </section>
      )}
      {!login.oidc && !login.localIdp && <p>{t('login.none')}</p>}
    </Page>
  );
}
