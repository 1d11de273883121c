import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getMailPreferences, saveMailPreferences } from '../api/endpoints.ts';
import type { MailPreferences } from '../api/types.ts';
import { useSettingsForm } from '../components/useSettingsForm.ts';
import { Button } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage, Loading, Notice } from './Notice.tsx';

/** The same words as the wp-admin profile's (Mail\MailPreferences::labels()). */
function labels(): Record<keyof MailPreferences, string> {
  return {
    expiryWarning: __('Before a deployment expires', 'support-provisioning-portal'),
    provisioned: __('When a deployment is ready', 'support-provisioning-portal'),
    provisionFailed: __('When a deployment could not be made', 'support-provisioning-portal'),
    expired: __('When a deployment has expired', 'support-provisioning-portal'),
    shared: __('When someone shares a deployment with me', 'support-provisioning-portal'),
    transferred: __('When a deployment is handed over to me', 'support-provisioning-portal'),
  };
}

/** Which of the portal's mails the current user wants (me/mail-preferences). */
export function MailPreferencesPanel(): JSX.Element {
  const { loaded, save, saved, touched, submit } = useSettingsForm(getMailPreferences, 'mail-preferences');
  const [form, setForm] = useState<MailPreferences | null>(null);
  const titleId = useInstanceId('mail-preferences-title');
  useEffect(() => setForm(loaded.data), [loaded.data]);

  return (
    <section className="spp-mail-preferences" aria-labelledby={titleId}>
      <h2 id={titleId}>{__('Mail preferences', 'support-provisioning-portal')}</h2>
      <ErrorMessage error={loaded.error} />
      {loaded.loading && <Loading />}
      {form && (
        <form onSubmit={submit(() => saveMailPreferences(form))}>
          <fieldset>
            <legend>{__('Send me a mail', 'support-provisioning-portal')}</legend>
            {(Object.entries(labels()) as Array<[keyof MailPreferences, string]>).map(([kind, label]) => (
              <p key={kind}>
                <label>
                  <input
                    type="checkbox"
                    checked={form[kind]}
                    onChange={(event) => { touched(); setForm({ ...form, [kind]: event.target.checked }); }}
                  />{' '}
                  {label}
                </label>
              </p>
            ))}
          </fieldset>
          <ErrorMessage error={save.error} onDismiss={save.clear} />
          {saved && <Notice tone="success">{__('Mail preferences saved.', 'support-provisioning-portal')}</Notice>}
          <Button primary type="submit" aria-disabled={save.busy}>{__('Save mail preferences', 'support-provisioning-portal')}</Button>
        </form>
      )}
    </section>
  );
}
