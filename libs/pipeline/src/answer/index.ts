export {
  answerWithoutModel,
  NO_MODEL_NOTICE,
  type AnswerWithoutModel,
  type AnswerWithoutModelInput,
} from './answer-without-model.js';
export { citationsOfAnswer } from './answer-citations.js';
export { buildChatPrompt, type ChatPromptInput, type Passage } from './chat-prompt.js';
export { createLanguageModel, toLanguageModelError, type ChatTurn, type LanguageModel, type LanguageModelSettings } from './language-model.js';
export { isDependentsQuestion } from './dependents-lead.js';
