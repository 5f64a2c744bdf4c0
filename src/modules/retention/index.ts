// Retention (GDPR erasure): rules per municipality as dated settings, dry runs, erasure and the nightly job.
export { retentionRoutes } from './routes.staff.js';
export { registerRetentionJobs, runNightlyRetention, RETENTION_JOB } from './jobs.js';
export { planRetention } from './plan.js';
export { RETENTION_RULES, ERASE_NIGHTLY_KEY } from './rules.js';
