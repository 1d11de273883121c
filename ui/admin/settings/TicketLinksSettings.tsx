import { Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getTicketLinks, saveTicketLinks } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { useSettingsForm } from '../../components/useSettingsForm.ts';
import { SettingsSaveRow } from './SettingsSaveRow.tsx';

/** The ticket URL pattern that turns ticket references into links to the tracker. */
export function TicketLinksSettings(): JSX.Element {
  const { loaded, save, saved, touched, submit } = useSettingsForm(getTicketLinks, 'ticket-links');
  const [pattern, setPattern] = useState('');
  useEffect(() => {
    if (loaded.data) setPattern(loaded.data.ticketUrlPattern);
  }, [loaded.data]);

  return (
    <section aria-labelledby="spp-ticket-links-title" className="spp-ticket-links">
      <h2 id="spp-ticket-links-title">{__('Ticket links', 'support-provisioning-portal')}</h2>
      <ErrorNotice error={loaded.error} />
      {loaded.loading && <Spinner />}
      {loaded.data && (
        <form onSubmit={submit(() => saveTicketLinks({ ticketUrlPattern: pattern.trim() }))}>
          <TextControl
            label={__('Ticket URL pattern', 'support-provisioning-portal')}
            value={pattern}
            onChange={(value: string) => { touched(); setPattern(value); }}
            help={__('An https:// or http:// address with {ticket} where the reference goes, for example https://tracker.example/browse/{ticket}. Empty: references are shown as plain text.', 'support-provisioning-portal')}
          />
          <FieldError error={save.error} field="ticketUrlPattern" />
          <SettingsSaveRow
            save={save}
            saved={saved}
            savedText={__('Ticket links saved.', 'support-provisioning-portal')}
            buttonText={__('Save ticket links', 'support-provisioning-portal')}
          />
        </form>
      )}
    </section>
  );
}
