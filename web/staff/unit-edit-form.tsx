// Edit a unit's name, contact details and address (PATCH /api/staff/units/:id).
import { useId, useState, type FormEvent } from 'react';
import { api } from '../shared/api.js';
import { ErrorMessage, Field, Status } from '../shared/components.js';
import { useT, type Key } from '../shared/i18n.js';
import type { UnitDetail } from '../../src/modules/registry/contract.js';

type Fields = {
  name: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  cvr: string;
  pNumber: string;
};
const FIELDS: {
  key: keyof Fields;
  label: Key;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  pattern?: string;
}[] = [
  { key: 'name', label: 'unit.name', required: true },
  { key: 'email', label: 'col.email', type: 'email', autoComplete: 'off' },
  { key: 'phone', label: 'col.phone', type: 'tel', autoComplete: 'off' },
  { key: 'street', label: 'unit.street', required: true },
  { key: 'postalCode', label: 'unit.postalCode', required: true, pattern: '[0-9]{4}' },
  { key: 'city', label: 'unit.city', required: true },
  { key: 'cvr', label: 'unit.cvr', pattern: '[0-9]{8}' },
  { key: 'pNumber', label: 'unit.pNumber', pattern: '[0-9]{10}' },
];

function fromUnit(u: UnitDetail): Fields {
  return {
    name: u.name,
    email: u.email ?? '',
    phone: u.phone ?? '',
    street: u.street,
    postalCode: u.postalCode,
    city: u.city,
    cvr: u.cvr ?? '',
    pNumber: u.pNumber ?? '',
  };
}

export function UnitEditForm({ unit, onSaved }: { unit: UnitDetail; onSaved: (u: UnitDetail) => void }) {
  const { t } = useT();
  const id = useId();
  const [values, setValues] = useState<Fields>(() => fromUnit(unit));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const body = {
        name: values.name.trim(),
        street: values.street.trim(),
        postalCode: values.postalCode.trim(),
        city: values.city.trim(),
        email: values.email.trim() || null,
        phone: values.phone.trim() || null,
        cvr: values.cvr.trim() || null,
        pNumber: values.pNumber.trim() || null,
      };
      const updated = await api.patch<UnitDetail>(`/api/staff/units/${encodeURIComponent(unit.id)}`, body);
      setValues(fromUnit(updated));
      onSaved(updated);
      setSaved(t('saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)}>
      {FIELDS.map((f) => (
        <Field key={f.key} id={id + f.key} label={t(f.label) + (f.required ? '' : ` (${t('optional')})`)}>
          <input
            id={id + f.key}
            type={f.type ?? 'text'}
            required={f.required}
            pattern={f.pattern}
            autoComplete={f.autoComplete ?? 'off'}
            inputMode={['postalCode', 'cvr', 'pNumber'].includes(f.key) ? 'numeric' : undefined}
            value={values[f.key]}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
          />
        </Field>
      ))}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <Status text={saved} />
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
