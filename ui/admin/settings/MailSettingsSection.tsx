import { CheckboxControl, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getMailSettings, saveMailSettings } from '../../api/endpoints.ts';
import type { MailSettings } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { useSettingsForm } from '../../components/useSettingsForm.ts';
import { SettingsSaveRow } from './SettingsSaveRow.tsx';

/** "24, 1" → [24, 1]; the server checks the values (1–8760, at most 5, no repeats). */
function leadHoursOf(text: string): number[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '').map(Number);
}

/** The site's mail: the switch for all of the portal's mail, the expiry warnings' lead times, and warnings to sharees. */
export function MailSettingsSection(): JSX.Element {
  const { loaded, save, saved, touched, submit } = useSettingsForm(getMailSettings, 'mail-settings');
  const [form, setForm] = useState<MailSettings>({ enabled: true, warningLeadHours: [], warnSharees: false });
  const [leadHours, setLeadHours] = useState('');
  useEffect(() => {
    if (!loaded.data) return;
    setForm(loaded.data);
    setLeadHours(loaded.data.warningLeadHours.join(', '));
  }, [loaded.data]);

  const change = (changes: Partial<MailSettings>): void => {
    touched();
    setForm({ ...form, ...changes });
  };

  return (
    <section aria-labelledby="spp-mail-settings-title" className="spp-mail-settings">
      <h2 id="spp-mail-settings-title">{__('Mail', 'support-provisioning-portal')}</h2>
      <ErrorNotice error={loaded.error} />
      {loaded.loading && <Spinner />}
      {loaded.data && (
        <form onSubmit={submit(() => saveMailSettings({ ...form, warningLeadHours: leadHoursOf(leadHours) }))}>
          <CheckboxControl
            label={__('Send mails from the portal', 'support-provisioning-portal')}
            help={__('Off: no expiry warnings or notifications go out, whatever the users chose.', 'support-provisioning-portal')}
            checked={form.enabled}
            onChange={(enabled: boolean) => change({ enabled })}
          />
          <TextControl
            label={__('Expiry warning lead times (hours)', 'support-provisioning-portal')}
            value={leadHours}
            onChange={(value: string) => { touched(); setLeadHours(value); }}
            help={__('Comma-separated, for example 24, 1: a warning that many hours before a deployment expires. At most five, each 1 to 8760.', 'support-provisioning-portal')}
          />
          <FieldError error={save.error} field="warningLeadHours" />
          <CheckboxControl
            label={__('Also warn the users a deployment is shared with, if they may prolong it', 'support-provisioning-portal')}
            checked={form.warnSharees}
            onChange={(warnSharees: boolean) => change({ warnSharees })}
          />
          <SettingsSaveRow
            save={save}
            saved={saved}
            savedText={__('Mail settings saved.', 'support-provisioning-portal')}
            buttonText={__('Save mail settings', 'support-provisioning-portal')}
          />
        </form>
      )}
    </section>
  );
}
