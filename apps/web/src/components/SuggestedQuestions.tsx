import type { RepositoryDetail } from '@repolens/contracts';
import { shownAnalysis } from '../explorability.js';

export interface SuggestedQuestionsProps {
  readonly repository: RepositoryDetail;
  readonly onAsk: (question: string) => void;
}

/** First questions that work on any repository, plus a few drawn from what the analysis found. */
export function suggestedQuestions(repository: RepositoryDetail): string[] {
  const questions = ['What does this repository do?', 'Where is the main entry point?'];
  const analysis = shownAnalysis(repository);
  const metadata = analysis.metadata;
  const runtime = metadata?.dependencies.find((dependency) => dependency.kind === 'runtime');
  if (runtime !== undefined) questions.push(`What is ${runtime.name} used for here?`);
  else questions.push('What does it depend on?');
  const tests = analysis.structure?.keyDirectories.find((directory) => directory.kind === 'tests');
  questions.push(tests !== undefined ? `How are the tests in ${tests.path}/ organised?` : 'How is the code organised?');
  return questions;
}

export function SuggestedQuestions({ repository, onAsk }: SuggestedQuestionsProps) {
  return (
    <div className="suggestions">
      <p className="muted">Answers cite the files and lines they come from. Try one of these:</p>
      <ul className="suggestions__list">
        {suggestedQuestions(repository).map((question) => (
          <li key={question}>
            <button type="button" className="suggestion" onClick={() => onAsk(question)}>
              {question}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
