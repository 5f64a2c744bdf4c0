// Kysely table types, mirroring migrations/*.sql. Dates are 'YYYY-MM-DD' strings, ranges PostgreSQL literals.
import type { Generated, ColumnType } from 'kysely';

type DateStr = string;
type Range = string;
type Json = ColumnType<any, any, any>;

export type Ejerform = 'kommunal' | 'selvejende' | 'privat' | 'udliciteret';
export type UnitType =
  | 'dagpleje'
  | 'vuggestue'
  | 'boernehave'
  | 'integreret'
  | 'landsbyordning'
  | 'fritidshjem'
  | 'sfo'
  | 'klub';
export type Lovgrundlag =
  | 'dtl_19_2'
  | 'dtl_19_3'
  | 'dtl_19_4'
  | 'dtl_19_5'
  | 'dtl_21'
  | 'dtl_52'
  | 'dtl_66'
  | 'fsl_3_4';
export type RegisterLevel = 'daginstitution' | 'anvisningsenhed' | 'alternativ_adresse';
export type RegisterDeliveryStatus = 'queued' | 'sent' | 'accepted' | 'refused';
export type RegisterOperation = 'create' | 'update' | 'close';
export type AgeBand = '0-2' | '3-5' | '6-9' | '10-13' | '14-17';
export type JobType = 'leder' | 'paedagog' | 'paedagogisk_assistent' | 'medhjaelper' | 'dagplejer';
export type Role =
  | 'guardian'
  | 'caseworker'
  | 'finance'
  | 'consultant'
  | 'management'
  | 'admin'
  | 'unit_leader'
  | 'unit_staff';
export type SubsidyScheme = 'privat_pasning' | 'egne_boern';
export type ProviderKind = 'privatinstitution' | 'privat_dagpleje' | 'privat_fritidshjem';
export type PlacementKind = 'dagtilbud' | 'fritidstilbud' | 'klub';
export type AbsenceType = 'sick' | 'day_off' | 'holiday';
type TimeStr = string;
export type FeeKind = 'dagpleje' | 'vuggestue' | 'boernehave' | 'integreret' | 'sfo' | 'fritidshjem' | 'klub';
export type FeeHours = 'full' | 'part' | 'leave30';

export interface DB {
  municipality: { code: string; name: string };
  area: { id: Generated<string>; municipality_code: string; name: string };
  daginstitution: {
    id: Generated<string>;
    number: string;
    name: string;
    ejerform: Ejerform;
    municipality_code: string;
    is_cluster: Generated<boolean>;
    closed_on: DateStr | null;
    /** Filled from the ejerform by a trigger when not given. */
    lovgrundlag: ColumnType<Lovgrundlag, Lovgrundlag | undefined, Lovgrundlag>;
  };
  unit: {
    id: Generated<string>;
    number: string;
    daginstitution_id: string;
    name: string;
    type: UnitType;
    /** InstType3 (inst_type.code); filled from the type by a trigger when not given. */
    inst_type3: ColumnType<number, number | null | undefined, number>;
    cvr: string | null;
    p_number: string | null;
    dar_id: string | null;
    area_id: string | null;
    street: string;
    postal_code: string;
    city: string;
    lat: number | null;
    lon: number | null;
    email: string | null;
    phone: string | null;
    opening_hours: Json;
    opened_on: DateStr | null;
    closed_on: DateStr | null;
    synthetic: Generated<boolean>;
  };
  alternative_address: {
    id: Generated<string>;
    unit_id: string;
    number: string | null;
    street: string;
    postal_code: string;
    city: string;
    dar_id: string | null;
    valid: Range;
  };
  inst_type: { code: number; unit_type: UnitType; inst_type1: number; inst_type2: number; name: string };
  register_number: {
    level: RegisterLevel;
    number: string;
    issued_at: Generated<string>;
    registered: Generated<boolean>;
    closed_on: DateStr | null;
  };
  register_delivery: {
    id: Generated<string>;
    seq: Generated<number>;
    municipality_code: string;
    level: RegisterLevel;
    operation: RegisterOperation;
    number: string;
    subject_id: string;
    payload: Json;
    status: Generated<RegisterDeliveryStatus>;
    errors: ColumnType<any, string | undefined, string>;
    attempts: Generated<number>;
    created_at: Generated<string>;
    created_by: string | null;
    sent_at: string | null;
    answered_at: string | null;
  };
  unit_section: {
    id: Generated<string>;
    unit_id: string;
    name: string;
    min_age_months: number;
    max_age_months: number;
  };
  capacity: { id: Generated<string>; unit_id: string; age_band: AgeBand; places: number; valid: Range };
  household: {
    id: Generated<string>;
    dar_id: string | null;
    street: string;
    postal_code: string;
    city: string;
    municipality_code: string;
    area_id: string | null;
    lat: number | null;
    lon: number | null;
  };
  person: {
    id: Generated<string>;
    cpr: string | null;
    first_name: string;
    last_name: string;
    birth_date: DateStr;
    sex: 'female' | 'male';
    email: string | null;
    phone: string | null;
    search_name: ColumnType<string, never, never>;
    address_protected: Generated<boolean>; // 021_cpr.sql
    died_on: DateStr | null;
    emigrated_on: DateStr | null;
    /** 032_retention.sql: when the person's data was erased (name, CPR, contact and address removed). */
    anonymised_on: Generated<DateStr | null>;
  };
  cpr_change_file: {
    file_id: string;
    sequence: number;
    created_on: DateStr;
    applied_on: DateStr;
    applied_at: Generated<string>;
    applied_by: string | null;
    digest: string;
    report: Json;
    municipality_code: string;
  };
  residence: { id: Generated<string>; person_id: string; household_id: string; valid: Range };
  custody: { id: Generated<string>; child_id: string; guardian_id: string; valid: Range };
  placement: {
    id: Generated<string>;
    child_id: string;
    unit_id: string;
    kind: PlacementKind;
    hours_per_week: Generated<number>;
    valid: Range;
    /** The dagplejer a child in dagpleje is placed with. */
    dagplejer_id: Generated<string | null>;
  };
  employee: {
    id: Generated<string>;
    unit_id: string;
    user_id: string | null;
    first_name: string;
    last_name: string;
    job_type: JobType;
    /** Contracted minutes a week; 2220 (37 h) is one full-time person. */
    weekly_minutes: number;
    valid: Range;
  };
  app_user: {
    id: Generated<string>;
    role: Role;
    name: string;
    email: string | null;
    person_id: string | null;
    oidc_subject: string | null;
    demo_persona: Generated<boolean>;
    /** When the user may log in (migration 020); unbounded for users from before. */
    valid: Generated<Range>;
    created_by: Generated<string | null>;
    created_at: Generated<string>;
    /** The municipality a staff user works for; null for guardians (migration 018). */
    municipality_code: string | null;
  };
  user_unit: { user_id: string; unit_id: string };
  session: {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: Generated<string>;
    expires_at: string;
  };
  setting: { id: Generated<string>; municipality_code: string; key: string; value: Json; valid: Range };
  system_state: { key: string; value: Json };
  audit_log: {
    id: Generated<number>;
    at: Generated<string>;
    user_id: string | null;
    user_role: Role | null;
    action: string;
    subject_type: string;
    subject_ids: ColumnType<string[], string[] | undefined, never>;
    ip: string | null;
    user_agent: string | null;
    details: Json;
  };
  row_history: {
    id: Generated<number>;
    at: Generated<string>;
    table_name: string;
    row_id: string;
    op: 'I' | 'U' | 'D';
    actor: string | null;
    old: Json;
    new: Json;
  };
  // 002_attendance.sql
  attendance: {
    id: Generated<string>;
    child_id: string;
    unit_id: string;
    date: DateStr;
    status: Generated<number>;
    check_in: TimeStr | null;
    check_out: TimeStr | null;
    pickup_by: string | null;
    updated_at: Generated<string>;
    version: Generated<number>;
  };
  attendance_event: {
    id: Generated<number>;
    at: Generated<string>;
    attendance_id: string;
    kind: 'check_in' | 'check_out' | 'status' | 'pickup' | 'correction';
    status: number;
    check_in: TimeStr | null;
    check_out: TimeStr | null;
    pickup_by: string | null;
    user_id: string | null;
    terminal_id: string | null;
    reason: string | null;
  };
  terminal: {
    id: Generated<string>;
    unit_id: string;
    name: string;
    token_hash: string;
    created_by: string | null;
    created_at: Generated<string>;
    revoked_at: string | null;
  };
  absence: {
    id: Generated<string>;
    child_id: string;
    valid: Range;
    type: AbsenceType;
    reported_by: string | null;
    reported_by_role: Role;
    created_at: Generated<string>;
  };
  closing_day: {
    id: Generated<string>;
    date: DateStr;
    municipality_code: string | null;
    unit_id: string | null;
    name: string;
  };
  holiday_questionnaire: {
    id: Generated<string>;
    municipality_code: string;
    unit_id: string | null;
    title: string;
    question: string;
    period: Range;
    deadline: DateStr;
    created_by: string | null;
    created_at: Generated<string>;
  };
  holiday_answer: {
    id: Generated<string>;
    questionnaire_id: string;
    child_id: string;
    date: DateStr;
    needs_care: boolean;
    answered_by: string | null;
    answered_at: Generated<string>;
  };
  // 005_billing.sql
  fee_rate: {
    id: Generated<string>;
    municipality_code: string;
    kind: FeeKind;
    age_band: AgeBand;
    hours: Generated<FeeHours>;
    monthly_oere: number;
    valid: Range;
  };
  lunch_scheme: {
    id: Generated<string>;
    unit_id: string;
    opted_out: Generated<boolean>;
    monthly_oere: number;
    valid: Range;
  };
  fee_calendar: {
    id: Generated<string>;
    municipality_code: string;
    kind: FeeKind;
    paying_months: number;
    change_day: number;
    valid: Range;
  };
  friplads_scale: {
    year: number;
    lower_limit: number;
    upper_limit: number;
    per_extra_child: number;
    single_provider_supplement: number;
    steps: Generated<number>;
    first_step_percent: Generated<number>;
  };
  household_income: {
    id: Generated<string>;
    household_id: string;
    yearly_oere: number;
    single_provider: Generated<boolean>;
    source: Generated<'application' | 'regulation' | 'final' | 'estimate'>;
    valid: Range;
  };
  social_friplads: {
    id: Generated<string>;
    child_id: string;
    reason: 'behandling' | 'socialpaedagogisk';
    percent: number;
    valid: Range;
  };
  billing_month: {
    municipality_code: string;
    month: DateStr;
    closed_at: string | null;
    exported_at: string | null;
    reopened_at: string | null;
    reopen_reason: string | null;
  };
  billing_run: {
    id: Generated<string>;
    municipality_code: string;
    month: DateStr;
    status: Generated<'running' | 'done' | 'failed'>;
    started_by: string | null;
    started_at: Generated<string>;
    finished_at: string | null;
    children: Generated<number>;
    invoices_written: Generated<number>;
    lines_written: Generated<number>;
    error: string | null;
  };
  billing_run_warning: {
    id: Generated<number>;
    run_id: string;
    child_id: string;
    service_month: DateStr;
    text: string;
  };
  invoice: {
    id: Generated<string>;
    number: Generated<number>;
    municipality_code: string;
    payer_id: string;
    household_id: string | null;
    month: DateStr;
    seq: Generated<number>;
    run_id: string;
    total_oere: number;
    status: Generated<'draft' | 'sent'>;
    sent_at: string | null;
    letter_id: string | null;
  };
  invoice_line: {
    id: Generated<number>;
    invoice_id: string;
    child_id: string;
    placement_kind: PlacementKind;
    service_month: DateStr;
    code: 'rate' | 'lunch' | 'friplads' | 'sibling' | 'social_friplads' | 'settlement';
    text: string;
    amount_oere: number;
  };
  billed_state: { municipality_code: string; service_month: DateStr; payer_id: string; digest: string };
  billing_event: {
    id: Generated<number>;
    at: Generated<string>;
    type: 'invoice.sent';
    invoice_id: string;
    payload: Json;
    consumed_at: string | null;
  };
  friplads_application: {
    id: Generated<string>;
    household_id: string;
    applicant_id: string;
    yearly_oere: number;
    children_under18: number;
    single_provider: boolean;
    wanted_from: DateStr;
    submitted_at: Generated<string>;
    status: Generated<'submitted' | 'granted' | 'rejected'>;
    decided_by: string | null;
    decided_at: string | null;
    pay_percent: number | null;
    note: string | null;
    letter_id: string | null;
  };
  billing_recheck: { id: Generated<string>; municipality_code: string; from_month: DateStr; reason: string };
  place_cost: {
    municipality_code: string;
    year: number;
    age_band: AgeBand;
    net_oere: number;
    gross_oere: number;
    subsidy_percent: number;
  };
  billing_place_terms: { id: Generated<string>; placement_id: string; leave30: boolean }; // 007_billing_place_terms.sql
  // 023_reporting.sql
  report_rule: {
    id: Generated<string>;
    full_above_hours: number;
    part_from_hours: number;
    part_weight_percent: number;
    low_weight_percent: number;
    full_time_minutes: number;
    leader_weight_percent: number;
    min_children_per_adult_0_2: number;
    min_children_per_adult_3_5: number;
    valid: Range;
  };
  report_delivery: {
    id: Generated<string>;
    municipality_code: string;
    kind: 'ds' | 'flis';
    month: DateStr;
    version: number;
    payload: string;
    checksum: string;
    status: Generated<'delivered' | 'failed'>;
    correction: boolean;
    receipt: string | null;
    created_by: string | null;
    created_at: Generated<string>;
  };
  // 027_unilogin.sql
  unilogin_delivery: {
    id: Generated<string>;
    seq: Generated<number>;
    municipality_code: string;
    kind: 'full' | 'delta' | 'presence';
    on_date: DateStr;
    status: 'sent' | 'accepted' | 'refused' | 'failed';
    payload: Json;
    roster: Json;
    checksum: string;
    persons: number;
    added: number;
    changed: number;
    removed: number;
    errors: Json;
    attempts: Generated<number>;
    receipt: string | null;
    created_by: string | null;
    created_at: Generated<string>;
    answered_at: string | null;
  };
  // 006_letters.sql
  letter: {
    id: Generated<string>;
    kind: string;
    subject: string;
    child_id: string | null;
    municipality_code: string | null;
    letter_date: DateStr;
    content: Json;
    created_at: Generated<string>;
  };
  letter_recipient: { letter_id: string; person_id: string; read_at: string | null };
  digital_post_message: {
    id: Generated<number>;
    letter_id: string;
    person_id: string;
    status: Generated<'queued' | 'sent' | 'failed'>;
    channel: string | null;
    message_uuid: Generated<string>;
    attempts: Generated<number>;
    error: string | null;
    created_at: Generated<string>;
    sent_at: string | null;
  };
  // 004_booking.sql
  booking: {
    id: Generated<string>;
    child_id: string;
    unit_id: string;
    placement_id: string | null;
    valid: Range;
    status: Generated<'active' | 'cancelled'>;
    booked_by: string;
    booked_at: Generated<string>;
    released_placement_id: string | null;
    released_upper: DateStr | null;
  };
  booking_event: {
    id: Generated<number>;
    booking_id: string;
    at: Generated<string>;
    kind: 'booked' | 'moved' | 'cancelled';
    unit_id: string;
    valid: Range;
    user_id: string | null;
  };
  unit_load_version: { unit_id: string; version: Generated<number>; changed: Generated<string> };
  // 034_booking_unit_version.sql
  booking_unit_version: { id: Generated<boolean>; version: Generated<string> };
  // 024_subsidies.sql
  subsidy_terms: {
    id: Generated<string>;
    municipality_code: string | null;
    scheme: SubsidyScheme;
    offered: Generated<boolean>;
    min_age_weeks: number;
    max_age_months: number | null;
    share_percent: number;
    max_children_per_carer: number;
    max_children_two_carers: number;
    min_weeks: number;
    max_months: number;
    max_children_household: number;
    household_cap_oere: number | null;
    sibling_percent: Generated<number>;
    decision_days: Generated<number>;
    valid: Range;
    created_by: Generated<string | null>;
  };
  subsidy_rate: {
    id: Generated<string>;
    municipality_code: string | null;
    scheme: SubsidyScheme;
    from_months: number;
    to_months: number;
    monthly_oere: number;
    valid: Range;
    created_by: Generated<string | null>;
  };
  subsidy_carer: {
    id: Generated<string>;
    municipality_code: string;
    name: string;
    cvr: string | null;
    street: string;
    postal_code: string;
    city: string;
    carers: Generated<number>;
    extra_consent: Generated<boolean>;
    approved_on: DateStr | null;
    stopped_on: DateStr | null;
    created_at: Generated<string>;
  };
  subsidy_supervision: {
    id: Generated<string>;
    carer_id: string;
    visit_date: DateStr;
    note: string;
    user_id: string | null;
    created_at: Generated<string>;
  };
  subsidy_case: {
    id: Generated<string>;
    municipality_code: string;
    scheme: SubsidyScheme;
    child_id: string;
    household_id: string;
    applicant_id: string;
    carer_id: string | null;
    expense_oere: number | null;
    hours_per_week: number | null;
    children_in_care: number | null;
    valid: Range;
    status: Generated<'applied' | 'approved' | 'refused' | 'stopped'>;
    source: Generated<'citizen' | 'caseworker'>;
    submitted_on: DateStr;
    deadline: DateStr;
    decided_on: DateStr | null;
    decided_by: string | null;
    reason: string | null;
    refusal_rule: string | null;
    end_reason: string | null;
    letter_id: string | null;
    created_at: Generated<string>;
    // 026_subsidies_egne_boern.sql
    declarations: Json | null;
    reopened_on: DateStr | null;
  };
  subsidy_complaint: {
    id: Generated<string>;
    case_id: string;
    received_on: DateStr;
    text: string;
    status: Generated<'received' | 'changed' | 'upheld' | 'forwarded'>;
    reconsidered_on: DateStr | null;
    reconsidered_note: string | null;
    forwarded_on: DateStr | null;
    bundle: Json | null;
    created_by: string | null;
    reopened_case: Generated<boolean>;
  };
  subsidy_payout_run: {
    id: Generated<string>;
    municipality_code: string;
    month: DateStr;
    lines: number;
    total_oere: number;
    created_by: string | null;
    created_at: Generated<string>;
  };
  subsidy_payout_line: {
    id: Generated<string>;
    run_id: string;
    case_id: string;
    month: DateStr;
    kind: 'payment' | 'correction';
    amount_oere: number;
    due_oere: number;
    sibling_oere: Generated<number>;
    rate_id: string | null;
    payee_id: string;
  };
  subsidy_recovery: {
    id: Generated<string>;
    case_id: string;
    run_id: string;
    debtor_id: string;
    amount_oere: number;
    months: string;
    status: Generated<'open' | 'settled'>;
    created_at: Generated<string>;
  };
  // 032_retention.sql
  retention_run: {
    id: Generated<string>;
    municipality_code: string;
    mode: 'dry_run' | 'erase';
    trigger: 'staff' | 'nightly';
    run_on: DateStr;
    started_by: string | null;
    created_at: Generated<string>;
    counts: Json;
    rules: Json;
    persons: Json;
    dry_run_id: string | null;
  };
  creditor_event: {
    id: Generated<number>;
    run_id: string;
    kind: 'payment' | 'correction' | 'recovery';
    payee_id: string | null;
    case_id: string | null;
    month: DateStr;
    amount_oere: number;
    created_at: Generated<string>;
    delivered_at: string | null;
    // 030_subsidy_providers.sql
    provider_id: string | null;
    enrolment_id: string | null;
  };
  // 030_subsidy_providers.sql
  subsidy_provider: {
    id: Generated<string>;
    municipality_code: string;
    kind: ProviderKind;
    name: string;
    cvr: string;
    address: string;
    approved: Range;
    created_at: Generated<string>;
  };
  subsidy_provider_budget: {
    id: Generated<string>;
    provider_id: string;
    kind: ProviderKind;
    from_months: number;
    to_months: number;
    grant_oere: number;
    building_oere: Generated<number>;
    admin_oere: Generated<number>;
    parent_payment_oere: number;
    valid: Range;
    created_by: string | null;
    created_at: Generated<string>;
  };
  subsidy_enrolment: {
    id: Generated<string>;
    provider_id: string;
    child_id: string;
    household_id: string;
    valid: Range;
    created_by: string | null;
    created_at: Generated<string>;
  };
  subsidy_provider_line: {
    id: Generated<string>;
    run_id: string;
    provider_id: string;
    enrolment_id: string;
    month: DateStr;
    kind: 'payment' | 'correction';
    amount_oere: number;
    grant_oere: number;
    friplads_oere: number;
    sibling_oere: number;
    due_oere: number;
    budget_id: string | null;
  };
  debtor_claim: {
    id: Generated<string>;
    municipality_code: string;
    source: 'subsidy_recovery';
    source_id: string;
    payer_id: string;
    household_id: string | null;
    month: DateStr;
    amount_oere: number;
    text: string;
    created_at: Generated<string>;
  };
}
