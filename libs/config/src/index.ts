export { loadConfig, ConfigError, type AppConfig, type StagePolicy, type LoadConfigOptions } from './config.js';
export { EnvSchema, type Env } from './env-schema.js';
