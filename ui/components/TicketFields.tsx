import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { updateDeploymentDetails } from '../api/endpoints.ts';
import type { Deployment, DeploymentDetails } from '../api/types.ts';
import { describeError } from '../api/errors.ts';
import type { FieldRow } from './DeploymentFields.tsx';
import { FieldError } from './FieldError.tsx';
import { useAction } from './hooks.ts';

export interface TicketValues {
  ticketRef: string;
  customer: string;
  purpose: string;
}

export const noTicket: TicketValues = { ticketRef: '', customer: '', purpose: '' };

interface InputsProps {
  values: TicketValues;
  onChange: (values: TicketValues) => void;
  /** The chosen template requires a ticket reference. */
  ticketRequired: boolean;
  /** The last failed request, for the per-field messages. */
  error: unknown;
  idPrefix: string;
}

/** The case fields of the create and edit forms: plain inputs, styled by admin and theme alike. */
export function TicketInputs({ values, onChange, ticketRequired, error, idPrefix }: InputsProps): JSX.Element {
  const field = (name: keyof TicketValues, label: string, maxLength: number, help?: string): JSX.Element => (
    <p className="spp-ticket-field">
      <label htmlFor={`${idPrefix}-${name}`}>{label}</label>
      <input
        id={`${idPrefix}-${name}`}
        type="text"
        value={values[name]}
        maxLength={maxLength}
        required={name === 'ticketRef' && ticketRequired}
        {...(help === undefined ? {} : { 'aria-describedby': `${idPrefix}-${name}-help` })}
        onChange={(event) => onChange({ ...values, [name]: event.target.value })}
      />
      {help !== undefined && <span id={`${idPrefix}-${name}-help`} className="spp-small spp-block">{help}</span>}
      <FieldError error={error} field={name} />
    </p>
  );
  return (
    <fieldset className="spp-ticket-fields">
      <legend>{__('Case', 'support-provisioning-portal')}</legend>
      {field(
        'ticketRef',
        ticketRequired ? __('Ticket reference (required)', 'support-provisioning-portal') : __('Ticket reference (optional)', 'support-provisioning-portal'),
        64,
        __('The tracker key, for example SUP-1234: letters, digits and . _ : # / + -', 'support-provisioning-portal'),
      )}
      {field('customer', __('Customer (optional)', 'support-provisioning-portal'), 190)}
      {field('purpose', __('Purpose (optional)', 'support-provisioning-portal'), 500)}
    </fieldset>
  );
}

/** A ticket reference, linked to the tracker when the site has a ticket URL pattern. */
export function TicketRef({ deployment: d }: { deployment: Deployment }): JSX.Element | null {
  if (d.ticketRef === null) return null;
  return d.ticketUrl !== null
    ? <a href={d.ticketUrl} target="_blank" rel="noopener noreferrer" className="spp-ticket">{d.ticketRef}</a>
    : <span className="spp-ticket">{d.ticketRef}</span>;
}

/** Ticket, customer and purpose in one cell of a list. */
export function TicketSummary({ deployment: d }: { deployment: Deployment }): JSX.Element {
  const rest = [d.customer, d.purpose].filter((text): text is string => text !== null);
  if (d.ticketRef === null && rest.length === 0) return <span>—</span>;
  return (
    <span className="spp-ticket-summary">
      <TicketRef deployment={d} />
      {rest.length > 0 && <span className="spp-small spp-block">{rest.join(' · ')}</span>}
    </span>
  );
}

interface EditorProps {
  deployment: Deployment;
  onSaved: (deployment: Deployment) => void;
  button: (label: string, props: { type: 'submit' | 'button'; disabled?: boolean; onClick?: () => void }) => JSX.Element;
}

/** The case as rows of the deployment's facts (DeploymentFields). */
export function ticketRows(d: Deployment): FieldRow[] {
  return [
    [__('Ticket', 'support-provisioning-portal'), d.ticketRef === null ? '—' : <TicketRef deployment={d} />],
    [__('Customer', 'support-provisioning-portal'), d.customer ?? '—'],
    [__('Purpose', 'support-provisioning-portal'), d.purpose ?? '—'],
  ];
}

/** Lets the owner or a manager change the case (ticketRows shows it). */
export function TicketDetails({ deployment: d, onSaved, button }: EditorProps): JSX.Element | null {
  const [editing, setEditing] = useState<TicketValues | null>(null);
  const save = useAction();
  const submit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (editing === null) return;
    const details: DeploymentDetails = { ...editing };
    void save.run(() => updateDeploymentDetails(d.id, details)).then((updated) => {
      if (updated) {
        setEditing(null);
        onSaved(updated);
      }
    });
  };
  if (editing !== null) {
    return (
      <form className="spp-ticket-editor" onSubmit={submit}>
        <TicketInputs values={editing} onChange={setEditing} ticketRequired={false} error={save.error} idPrefix={`spp-ticket-${d.id}`} />
        {save.error !== null && <p className="spp-field-error" role="alert">{describeError(save.error)}</p>}
        <p>
          {button(save.busy ? __('Saving…', 'support-provisioning-portal') : __('Save case', 'support-provisioning-portal'), { type: 'submit', disabled: save.busy })}{' '}
          {button(__('Cancel', 'support-provisioning-portal'), { type: 'button', onClick: () => { save.clear(); setEditing(null); } })}
        </p>
      </form>
    );
  }
  if (!d.detailsEditable) return null;
  return (
    <p className="spp-ticket-details">
      {button(
        sprintf(/* translators: %s: deployment name */ __('Edit the case of %s', 'support-provisioning-portal'), d.name),
        { type: 'button', onClick: () => setEditing({ ticketRef: d.ticketRef ?? '', customer: d.customer ?? '', purpose: d.purpose ?? '' }) },
      )}
    </p>
  );
}
