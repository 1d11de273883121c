import { Button, CheckboxControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { updateUser } from '../../api/endpoints.ts';
import { rightKeys, type Me, type PortalUser, type RightKey } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { useAction } from '../../components/hooks.ts';
import { rightLabel } from '../../components/labels.ts';
import { rightsWarnings } from './rightsWarnings.ts';

function RightsWarnings({ rights }: { rights: RightKey[] }): JSX.Element | null {
  const warnings = rightsWarnings(rights);
  if (warnings.length === 0) return null;
  return (
    <ul className="spp-rights-warnings" role="alert">
      {warnings.map((warning) => <li key={warning} className="spp-field-error">{warning}</li>)}
    </ul>
  );
}

/** An override field's value: '' = the default limit, else a whole number. */
const overrideValid = (text: string): boolean => text.trim() === '' || /^\d+$/.test(text.trim());
const overrideOf = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim()));

/** The eleven rights as checkboxes and the RAM and VM overrides (empty = the default limit). */
export function RightsEditor({ user, me, onSaved }: { user: PortalUser; me: Me; onSaved: (user: PortalUser) => void }): JSX.Element {
  const save = useAction();
  const [asking, setAsking] = useState(false);
  const [rights, setRights] = useState<RightKey[]>(user.rights);
  const [ram, setRam] = useState(user.ramLimitMb === null ? '' : String(user.ramLimitMb));
  const [vms, setVms] = useState(user.vmLimit === null ? '' : String(user.vmLimit));
  const ramValid = overrideValid(ram);
  const vmsValid = overrideValid(vms);

  const toggle = (right: RightKey) => (checked: boolean): void => {
    setRights(checked ? rightKeys.filter((key) => key === right || rights.includes(key)) : rights.filter((key) => key !== right));
  };
  // Taking away one's own right to manage rights cannot be undone from here: ask first.
  const demotesSelf = user.id === me.id && me.rights.includes('manage_rights') && !rights.includes('manage_rights');
  const store = (): void => {
    setAsking(false);
    void save.run(() => updateUser(user.id, rights, overrideOf(ram), overrideOf(vms))).then((saved) => {
      if (saved) onSaved(saved);
    });
  };
  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (!ramValid || !vmsValid) return;
    if (demotesSelf) {
      setAsking(true);
      return;
    }
    store();
  };

  return (
    <form onSubmit={onSubmit} className="spp-rights-editor">
      <fieldset>
        <legend>{sprintf(/* translators: %s: user name */ __('Rights of %s', 'support-provisioning-portal'), user.displayName)}</legend>
        <div className="spp-rights-grid">
          {rightKeys.map((right) => (
            <CheckboxControl key={right} label={rightLabel(right)} checked={rights.includes(right)} onChange={toggle(right)} />
          ))}
        </div>
        <RightsWarnings rights={rights} />
        <FieldError error={save.error} field="rights" />
      </fieldset>
      <OverrideField
        label={__('RAM limit override (MB)', 'support-provisioning-portal')}
        help={__('Empty: the default per-user limit applies. 0: unlimited.', 'support-provisioning-portal')}
        invalid={__('Enter a whole number of MB, or leave it empty.', 'support-provisioning-portal')}
        value={ram}
        onChange={setRam}
        field="ramLimitMb"
        error={save.error}
      />
      <OverrideField
        label={__('VM limit override', 'support-provisioning-portal')}
        help={__('Deployments holding a VM, expired ones included. Empty: the default per-user limit applies. 0: unlimited.', 'support-provisioning-portal')}
        invalid={__('Enter a whole number of VMs, or leave it empty.', 'support-provisioning-portal')}
        value={vms}
        onChange={setVms}
        field="vmLimit"
        error={save.error}
      />
      <ErrorNotice error={save.error} onDismiss={save.clear} />
      <Button variant="primary" type="submit" isBusy={save.busy} disabled={save.busy || !ramValid || !vmsValid}>
        {__('Save rights', 'support-provisioning-portal')}
      </Button>
      {asking && (
        <ConfirmDialog
          title={__('Give up managing rights?', 'support-provisioning-portal')}
          message={__('You are taking “Manage user rights” away from yourself. Once saved, only another rights manager can give it back, and this page closes for you.', 'support-provisioning-portal')}
          confirmLabel={__('Save and give up the right', 'support-provisioning-portal')}
          onConfirm={store}
          onCancel={() => setAsking(false)}
        />
      )}
    </form>
  );
}

interface OverrideFieldProps {
  label: string;
  help: string;
  /** Shown while the value is not a whole number. */
  invalid: string;
  value: string;
  onChange: (value: string) => void;
  /** The REST parameter whose refusal is shown under the field. */
  field: string;
  error: unknown;
}

/** A per-user limit override: empty for the default limit, else a whole number. */
function OverrideField({ label, help, invalid, value, onChange, field, error }: OverrideFieldProps): JSX.Element {
  return (
    <>
      <TextControl label={label} type="number" min={0} value={value} onChange={onChange} help={help} />
      {!overrideValid(value) && <p className="spp-field-error" role="alert">{invalid}</p>}
      <FieldError error={error} field={field} />
    </>
  );
}
