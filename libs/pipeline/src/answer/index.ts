export {
  answerWithoutModel,
  NO_MODEL_NOTICE,
  type AnswerWithoutModel,
  type AnswerWithoutModelInput,
} from './answer-without-model.js';
