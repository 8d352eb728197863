import type { ComponentChildren } from 'preact';
import { CsrfField, type FieldError } from './components.tsx';
import type { PageContext } from './page-context.ts';

/**
 * Form parts on NL Design System classes. Every field shows its error next to the label and is
 * linked from the error summary by its id (= its name); values typed come back on a re-render.
 */
export type FieldProps = {
  name: string;
  label: string;
  hint?: string | undefined;
  errors: FieldError[];
  required?: boolean;
};

function errorOf(errors: FieldError[], name: string): string | undefined {
  return errors.find((e) => e.field === name)?.message;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({
  name,
  label,
  hint,
  error,
  optionalLabel,
  children,
}: {
  name: string;
  label: string;
  hint: string | undefined;
  error: string | undefined;
  optionalLabel: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={`utrecht-form-field naaste-field${error ? ' utrecht-form-field--invalid naaste-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={name}>
        {label}
        {optionalLabel ? <span class="naaste-muted"> ({optionalLabel})</span> : null}
      </label>
      {hint ? (
        <p class="utrecht-form-field-description naaste-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="utrecht-form-field-error-message naaste-field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'number' | 'date' | 'url';
    autocomplete?: string;
    maxLength?: number;
    inputMode?: 'numeric' | 'email' | 'tel' | 'text';
    optionalLabel?: string;
    width?: 'short' | 'full';
  },
) {
  const error = errorOf(props.errors, props.name);
  // Spread as plain attributes: preact's typings tie some attributes to particular input types.
  const inputAttributes: Record<string, unknown> = {
    class: `utrecht-textbox${error ? ' utrecht-textbox--invalid' : ''}${props.width === 'short' ? ' naaste-input--short' : ''}`,
    id: props.name,
    name: props.name,
    type: props.type ?? 'text',
    value: props.value,
    required: props.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(props.name, props.hint, error),
    autocomplete: props.autocomplete,
    maxLength: props.maxLength,
    inputMode: props.inputMode,
  };
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={error} optionalLabel={props.optionalLabel}>
      <input {...inputAttributes} />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { value: string; rows?: number; maxLength?: number; optionalLabel?: string }) {
  const error = errorOf(props.errors, props.name);
  return (
    <FieldFrame name={props.name} label={props.label} hint={props.hint} error={error} optionalLabel={props.optionalLabel}>
      <textarea
        class={`utrecht-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={props.name}
        name={props.name}
        rows={props.rows ?? 6}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
        maxLength={props.maxLength}
      >
        {props.value}
      </textarea>
    </FieldFrame>
  );
}

/** Radio buttons in a fieldset; the first option carries the id the error summary links to. */
export function RadioGroup(props: FieldProps & { value: string; options: { value: string; label: string; hint?: string }[] }) {
  const error = errorOf(props.errors, props.name);
  return (
    <fieldset
      class={`utrecht-form-fieldset naaste-fieldset${error ? ' naaste-field--invalid' : ''}`}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-label">{props.label}</legend>
      {props.hint ? (
        <p class="utrecht-form-field-description naaste-hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="utrecht-form-field-error-message naaste-field-error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
      {props.options.map((option, index) => {
        const id = index === 0 ? props.name : `${props.name}-${option.value}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--radio naaste-choice" key={option.value}>
            <input
              class="utrecht-radio-button"
              type="radio"
              id={id}
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              required={props.required}
              aria-invalid={error ? 'true' : undefined}
            />
            <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean; value?: string }) {
  const error = errorOf(props.errors, props.name);
  return (
    <div class={`utrecht-form-field utrecht-form-field--checkbox naaste-choice${error ? ' naaste-field--invalid' : ''}`}>
      {error ? (
        <p class="utrecht-form-field-error-message naaste-field-error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
      <input
        class="utrecht-checkbox"
        type="checkbox"
        id={props.name}
        name={props.name}
        value={props.value ?? 'ja'}
        checked={props.checked}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      />
      <label class="utrecht-form-label utrecht-form-label--checkbox" for={props.name}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="utrecht-form-field-description naaste-hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A POST form with its CSRF token; browser validation is off so the server's summary is the one people see. */
export function Form({ ctx, action, children }: { ctx: PageContext; action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} novalidate class="naaste-form">
      <CsrfField ctx={ctx} />
      {children}
    </form>
  );
}

export function SubmitButton({ children }: { children: ComponentChildren }) {
  return (
    <button class="utrecht-button utrecht-button--primary-action" type="submit">
      {children}
    </button>
  );
}

/** Several checkboxes under one question; the first box carries the id the error summary links to. */
export function CheckboxGroup(props: FieldProps & { values: string[]; options: { value: string; label: string }[] }) {
  const error = errorOf(props.errors, props.name);
  return (
    <fieldset
      class={`utrecht-form-fieldset naaste-fieldset${error ? ' naaste-field--invalid' : ''}`}
      aria-describedby={describedBy(props.name, props.hint, error)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-label">{props.label}</legend>
      {props.hint ? (
        <p class="utrecht-form-field-description naaste-hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="utrecht-form-field-error-message naaste-field-error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
      {props.options.map((option, index) => {
        const id = index === 0 ? props.name : `${props.name}-${option.value}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--checkbox naaste-choice" key={option.value}>
            <input
              class="utrecht-checkbox"
              type="checkbox"
              id={id}
              name={props.name}
              value={option.value}
              checked={props.values.includes(option.value)}
              aria-invalid={error ? 'true' : undefined}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A notice after a change ("saved"), read out by screen readers, with an optional undo form. */
export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="naaste-note naaste-notice" role="status">
      {children}
    </div>
  );
}
