// The type and area filter fields shared by the citizen institution browser and the staff register.
import { Field, useApi } from './components.js';
import { useT } from './i18n.js';
import { UNIT_TYPES } from './types.js';
import type { Area } from '../../src/modules/registry/contract.js';

export function TypeAndAreaFields({
  id,
  type,
  setType,
  areaId,
  setAreaId,
}: {
  id: string;
  type: string;
  setType: (v: string) => void;
  areaId: string;
  setAreaId: (v: string) => void;
}) {
  const { t } = useT();
  const areas = useApi<Area[]>('/api/citizen/areas');
  return (
    <>
      <Field id={id + 'type'} label={t('inst.type')}>
        <select id={id + 'type'} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('allTypes')}</option>
          {UNIT_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`type.${ty}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id + 'area'} label={t('inst.area')}>
        <select id={id + 'area'} value={areaId} onChange={(e) => setAreaId(e.target.value)}>
          <option value="">{t('allAreas')}</option>
          {(areas.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
