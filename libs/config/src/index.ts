export { loadConfig, ConfigError, type AppConfig, type LanguageModelConfig, type StagePolicy, type LoadConfigOptions } from './config.js';
export { EnvSchema, type Env } from './env-schema.js';
