// Kysely table types for migrations/003_placement.sql, merged into the shared DB interface.
import type { ColumnType, Generated } from 'kysely';
import type { PlacementKind } from '../../platform/db/schema.js';

type DateStr = string;
type Json = ColumnType<any, any, any>;
export type PlaceKind = 'dagpleje' | 'vuggestue' | 'boernehave' | 'integreret' | 'sfo' | 'fritidshjem' | 'klub';
export type ApplicationStatus = 'active' | 'placed' | 'withdrawn';
export type OfferStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';
export type InboxKind =
  | 'application'
  | 'application_change'
  | 'application_withdrawn'
  | 'hours'
  | 'withdrawal'
  | 'address'
  | 'offer_answer';

export type CaseworkAction =
  | 'apply'
  | 'change'
  | 'flags'
  | 'enrol'
  | 'transfer'
  | 'withdraw'
  | 'hours'
  | 'book'
  | 'move-booking'
  | 'cancel-booking';

declare module '../../platform/db/schema.js' {
  interface DB {
    application: {
      id: Generated<string>;
      child_id: string;
      place_kind: PlaceKind;
      placement_kind: PlacementKind;
      needed_from: DateStr;
      hours_per_week: number;
      applied_on: DateStr;
      seniority_date: DateStr;
      guarantee_date: DateStr | null;
      status: Generated<ApplicationStatus>;
      special_needs: Generated<boolean>;
      moving_in: Generated<boolean>;
      created_by: string | null;
      created_at: Generated<string>;
      closed_on: DateStr | null;
    };
    application_wish: { application_id: string; rank: number; unit_id: string };
    allocation_round: {
      id: Generated<string>;
      placement_kind: PlacementKind;
      horizon: DateStr;
      status: Generated<'preview' | 'approved' | 'discarded'>;
      mode: Generated<'round' | 'continuous'>;
      result: Json;
      created_by: string | null;
      created_at: Generated<string>;
      approved_by: string | null;
      approved_at: string | null;
      /** unit id → unit_load_version the preview was computed at (null: older previews). */
      unit_versions: Json | null;
      /** The municipality whose waitlists (units) the round allocates (migration 018). */
      municipality_code: string | null;
    };
    offer: {
      id: Generated<string>;
      application_id: string;
      round_id: string | null;
      unit_id: string;
      start_date: DateStr;
      hours_per_week: number;
      priority: string | null;
      explanation: string;
      manual_reason: string | null;
      guarantee: Generated<boolean>;
      offered_on: DateStr;
      deadline: DateStr;
      status: Generated<OfferStatus>;
      answered_on: DateStr | null;
      placement_id: string | null;
      created_by: string | null;
      created_at: Generated<string>;
    };
    placement_withdrawal: {
      id: Generated<string>;
      placement_id: string;
      requested_on: DateStr;
      last_day: DateStr;
      reason: 'family' | 'transfer' | 'aarsrulning' | 'staff';
      requested_by: string | null;
      created_at: Generated<string>;
      /** 029_casework.sql: why a caseworker waived the notice period (null: the notice rules applied). */
      notice_waived_reason: Generated<string | null>;
    };
    /** 029_casework.sql: a caseworker's action on a family's behalf, with its reason. */
    casework_action: {
      id: Generated<string>;
      child_id: string;
      action: CaseworkAction;
      reason: string;
      details: Json;
      application_id: string | null;
      placement_id: string | null;
      created_by: string;
      created_on: DateStr;
      created_at: Generated<string>;
    };
    staff_inbox: {
      id: Generated<string>;
      kind: InboxKind;
      child_id: string | null;
      text: string;
      created_on: DateStr;
      created_at: Generated<string>;
      handled_by: string | null;
      handled_at: string | null;
    };
  }
}
