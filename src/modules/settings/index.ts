// Municipality settings (notice periods, ages, limits …) as versioned data.
export { settingOn, listSettings, addSetting } from './queries.js';
export { settingsRoutes } from './routes.staff.js';
export { defineSettingSchemas } from './schemas.js';
