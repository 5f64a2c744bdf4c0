// The login API: who I am (with my permitted actions), demo personas, demo login and logout.
import { z } from 'zod';

const Role = z.enum([
  'guardian',
  'caseworker',
  'finance',
  'consultant',
  'management',
  'admin',
  'unit_leader',
  'unit_staff',
]);
export const Me = z.object({
  user: z
    .object({
      id: z.uuid(),
      name: z.string(),
      role: Role,
      personId: z.uuid().nullable(),
      unitIds: z.array(z.uuid()),
      municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
  /** The actions of every policy the actor's role allows (menus and buttons follow them). */
  permissions: z.array(z.string()),
  csrfToken: z.string().nullable(),
  demo: z.boolean(),
  /** The logins this installation offers besides the demo: OIDC (the identity provider), the local development one. */
  login: z.object({ oidc: z.boolean(), localIdp: z.boolean() }),
  today: z.iso.date(),
});
export type Me = z.infer<typeof Me>;
export const Persona = z.object({ id: z.uuid(), name: z.string(), role: Role, description: z.string() });
export type Persona = z.infer<typeof Persona>;

export const authContract = {
  me: { summary: 'Who I am: my user, permitted actions, CSRF token, demo mode and today', response: Me },
  personas: { summary: 'Demo personas (demo mode only)', response: z.array(Persona) },
  demoLogin: {
    summary: 'Log in as a demo persona (demo mode only)',
    body: z.object({ userId: z.uuid() }),
    response: Me,
  },
  localLogin: {
    summary: 'Log in through the local development identity provider (only with SPIRE_LOCAL_IDP=true)',
    body: z.object({ subject: z.string().trim().min(1).max(200) }),
    response: Me,
  },
  logout: { summary: 'Log out (ends the session)', response: z.null().describe('no content') },
} as const;
