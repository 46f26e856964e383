export { classifyFile, type FileToClassify } from './classify-file.js';
