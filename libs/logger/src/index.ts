export { createLogger, loggerOptions, withRunLogger, currentLogger, type Logger, type RunLogContext } from './logger.js';
