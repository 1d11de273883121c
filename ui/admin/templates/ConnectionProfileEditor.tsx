import { Button, SelectControl, TextareaControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { ConnectionEntry, ConnectionKind } from '../../api/types.ts';
import { FieldError } from '../../components/FieldError.tsx';

interface Props {
  entries: ConnectionEntry[];
  onChange: (entries: ConnectionEntry[]) => void;
  /** The last failed save, for the per-entry messages (entries[2].port …). */
  error: unknown;
}

function blank(kind: ConnectionKind): ConnectionEntry {
  if (kind === 'note') return { kind, text: '' };
  if (kind === 'web') return { kind, label: '', scheme: 'https', port: 443, path: '/' };
  return { kind, label: '', port: kind === 'ssh' ? 22 : 3389, user: '' };
}

/**
 * The ways into a template's VMs: SSH, RDP and web entries and notes. Hints only — the server
 * refuses anything that is not a login name, a port, a path or one line of text.
 */
export function ConnectionProfileEditor({ entries, onChange, error }: Props): JSX.Element {
  const replace = (index: number, entry: ConnectionEntry): void => onChange(entries.map((e, i) => (i === index ? entry : e)));
  const add = (kind: ConnectionKind): void => onChange([...entries, blank(kind)]);
  return (
    <fieldset className="spp-profile-editor">
      <legend>{__('How to connect', 'support-provisioning-portal')}</legend>
      <p className="description">
        {__('Shown with each deployment once it has an address. Never enter passwords here: a note may say where to find them.', 'support-provisioning-portal')}
      </p>
      {entries.map((entry, index) => (
        <div key={index} className="spp-profile-entry">
          <EntryFields entry={entry} onChange={(next) => replace(index, next)} />
          {['kind', 'label', 'port', 'user', 'scheme', 'path', 'text'].map((field) => (
            <FieldError key={field} error={error} field={`entries[${index}].${field}`} />
          ))}
          <Button variant="link" isDestructive onClick={() => onChange(entries.filter((_, i) => i !== index))}>
            {sprintf(/* translators: %d: entry number */ __('Remove entry %d', 'support-provisioning-portal'), index + 1)}
          </Button>
        </div>
      ))}
      <div className="spp-actions">
        <Button variant="secondary" isSmall onClick={() => add('ssh')}>{__('Add SSH', 'support-provisioning-portal')}</Button>
        <Button variant="secondary" isSmall onClick={() => add('rdp')}>{__('Add RDP', 'support-provisioning-portal')}</Button>
        <Button variant="secondary" isSmall onClick={() => add('web')}>{__('Add web link', 'support-provisioning-portal')}</Button>
        <Button variant="secondary" isSmall onClick={() => add('note')}>{__('Add note', 'support-provisioning-portal')}</Button>
      </div>
    </fieldset>
  );
}

function EntryFields({ entry, onChange }: { entry: ConnectionEntry; onChange: (entry: ConnectionEntry) => void }): JSX.Element {
  if (entry.kind === 'note') {
    return (
      <TextareaControl
        label={__('Note', 'support-provisioning-portal')}
        value={entry.text}
        onChange={(text: string) => onChange({ ...entry, text })}
      />
    );
  }
  const port = (
    <TextControl
      label={__('Port', 'support-provisioning-portal')}
      type="number"
      min={1}
      max={65535}
      value={String(entry.port)}
      onChange={(value: string) => onChange({ ...entry, port: Number(value) })}
    />
  );
  const label = (
    <TextControl
      label={__('Label (optional)', 'support-provisioning-portal')}
      value={entry.label}
      onChange={(value: string) => onChange({ ...entry, label: value })}
    />
  );
  if (entry.kind === 'web') {
    return (
      <>
        <strong>{__('Web link', 'support-provisioning-portal')}</strong>
        {label}
        <SelectControl
          label={__('Scheme', 'support-provisioning-portal')}
          value={entry.scheme}
          options={[{ value: 'https', label: 'https' }, { value: 'http', label: 'http' }]}
          onChange={(scheme: string) => onChange({ ...entry, scheme: scheme === 'http' ? 'http' : 'https' })}
        />
        {port}
        <TextControl
          label={__('Path', 'support-provisioning-portal')}
          value={entry.path}
          onChange={(path: string) => onChange({ ...entry, path })}
          help={__('Starts with /, for example /admin/.', 'support-provisioning-portal')}
        />
      </>
    );
  }
  return (
    <>
      <strong>{entry.kind === 'ssh' ? __('SSH', 'support-provisioning-portal') : __('Remote Desktop (RDP)', 'support-provisioning-portal')}</strong>
      {label}
      {port}
      <TextControl
        label={__('User name hint (optional)', 'support-provisioning-portal')}
        value={entry.user}
        onChange={(user: string) => onChange({ ...entry, user })}
      />
    </>
  );
}
