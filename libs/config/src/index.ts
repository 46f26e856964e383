export { loadConfig, ConfigError, type AppConfig, type LanguageModelConfig, type RetentionConfig, type StagePolicy, type LoadConfigOptions, type WorkerConfig } from './config.js';
export { EnvSchema, type Env } from './env-schema.js';
