// Create a unit (anvisningsenhed) under an existing daginstitution, or a new daginstitution first (top-down).
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../shared/api.js';
import { ErrorMessage, Field, Page, useApi } from '../shared/components.js';
import { useT } from '../shared/i18n.js';
import { UNIT_TYPES } from '../shared/types.js';
import type { Daginstitution } from '../../src/modules/registry/contract.js';

const NEW = 'new';

export function NewUnitPage() {
  const { t } = useT();
  const id = useId();
  const navigate = useNavigate();
  const parents = useApi<Daginstitution[]>('/api/staff/daginstitutioner');
  const [v, setV] = useState({
    parent: '',
    dNumber: '',
    dName: '',
    ejerform: 'kommunal',
    number: '',
    name: '',
    type: 'integreret',
    street: '',
    postalCode: '',
    city: '',
  });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const daginstitutionId =
        v.parent === NEW
          ? (
              await api.post<{ id: string }>('/api/staff/daginstitutioner', {
                number: v.dNumber,
                name: v.dName,
                ejerform: v.ejerform,
              })
            ).id
          : v.parent;
      const unit = await api.post<{ id: string }>('/api/staff/units', {
        daginstitutionId,
        number: v.number,
        name: v.name,
        type: v.type,
        street: v.street,
        postalCode: v.postalCode,
        city: v.city,
      });
      void navigate(`/staff/institutioner/${encodeURIComponent(unit.id)}`);
    } catch (err) {
      setError(err);
    }
  }

  const input = (k: keyof typeof v, label: string, extra: Record<string, unknown> = {}) => (
    <Field id={id + k} label={label}>
      <input id={id + k} required value={v[k]} onChange={set(k)} {...extra} />
    </Field>
  );
  return (
    <Page title={t('newUnit.title')} lead={t('newUnit.lead')}>
      <form className="panel form-grid" onSubmit={(e) => void submit(e)}>
        <Field id={id + 'parent'} label={t('unit.daginst')}>
          <select id={id + 'parent'} required value={v.parent} onChange={set('parent')}>
            <option value="">{t('newUnit.choose')}</option>
            <option value={NEW}>{t('newUnit.newParent')}</option>
            {(parents.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.number})
              </option>
            ))}
          </select>
        </Field>
        {v.parent === NEW && (
          <>
            {input('dNumber', t('newUnit.parentNumber'), { pattern: '[A-Za-z0-9]{6}' })}
            {input('dName', t('newUnit.parentName'))}
            <Field id={id + 'ej'} label={t('col.ejerform')}>
              <select id={id + 'ej'} value={v.ejerform} onChange={set('ejerform')}>
                {(['kommunal', 'selvejende', 'privat', 'udliciteret'] as const).map((e) => (
                  <option key={e} value={e}>
                    {t(`ejerform.${e}`)}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        {input('number', t('unit.number'), { pattern: '[A-Za-z0-9]{6}' })}
        {input('name', t('unit.name'))}
        <Field id={id + 'type'} label={t('inst.type')}>
          <select id={id + 'type'} value={v.type} onChange={set('type')}>
            {UNIT_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`type.${ty}`)}
              </option>
            ))}
          </select>
        </Field>
        {input('street', t('unit.street'))}
        {input('postalCode', t('unit.postalCode'), { pattern: '[0-9]{4}', inputMode: 'numeric' })}
        {input('city', t('unit.city'))}
        <div className="form-actions">
          <button type="submit" className="button">
            {t('newUnit.create')}
          </button>
        </div>
        <ErrorMessage error={error} />
      </form>
    </Page>
  );
}
