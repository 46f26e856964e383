export interface FieldErrorProps {
  readonly id: string;
  readonly message: string | null;
}

/** The message under an input that the input's aria-describedby points at. */
export function FieldError({ id, message }: FieldErrorProps) {
  if (message === null) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
