import { Button, RadioControl, Spinner, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { Template } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { QuotaMeter } from '../../components/QuotaMeter.tsx';
import { TicketInputs } from '../../components/TicketFields.tsx';
import { templateSpecs, useNewDeployment } from '../../components/useNewDeployment.ts';
import { navigate } from '../route.ts';
import { handOff } from './handoff.ts';

export function NewDeployment(): JSX.Element {
  const form = useNewDeployment((created) => {
    handOff(created);
    navigate('deployments', created.id);
  });
  const { templates, quota, submit, template } = form;

  return (
    <section aria-labelledby="spp-new-title">
      <h2 id="spp-new-title">{__('New deployment', 'support-provisioning-portal')}</h2>
      <ErrorNotice error={templates.error} />
      {templates.loading && <Spinner />}
      {templates.data?.length === 0 && <p>{__('No approved templates yet. A template manager must import one first.', 'support-provisioning-portal')}</p>}
      {templates.data && templates.data.length > 0 && (
        <form onSubmit={form.onSubmit} className="spp-new">
          <fieldset>
            <legend>{__('Template', 'support-provisioning-portal')}</legend>
            <div className="spp-template-cards">
              {templates.data.map((t) => (
                <TemplateCard key={t.id} template={t} selected={t.id === form.templateId} onSelect={() => form.setTemplateId(t.id)} />
              ))}
            </div>
            <FieldError error={submit.error} field="templateId" />
          </fieldset>
          <TextControl
            label={__('Name (optional)', 'support-provisioning-portal')}
            value={form.name}
            onChange={form.setName}
            maxLength={190}
            help={__('At most 190 characters. Left empty, the portal names it after the template and you.', 'support-provisioning-portal')}
          />
          <FieldError error={submit.error} field="name" />
          <TicketInputs values={form.ticket} onChange={form.setTicket} ticketRequired={form.ticketRequired} error={submit.error} idPrefix="spp-new-admin" />
          <RadioControl
            label={__('Lifetime', 'support-provisioning-portal')}
            selected={form.neverExpire ? 'never' : 'hours'}
            options={[
              { value: 'hours', label: __('Expire after a number of hours', 'support-provisioning-portal') },
              { value: 'never', label: __('Never expire', 'support-provisioning-portal') },
            ]}
            onChange={(value: string) => form.setNeverExpire(value === 'never')}
          />
          {!form.neverExpire && (
            <TextControl
              label={__('Hours until it expires', 'support-provisioning-portal')}
              type="number"
              min={1}
              max={template?.maxTtlHours}
              value={form.hoursShown}
              onChange={form.setHours}
              help={form.hoursHelp}
            />
          )}
          {form.hoursProblem && <p className="spp-field-error" role="alert">{form.hoursProblem}</p>}
          <FieldError error={submit.error} field="ttlHours" />
          <ErrorNotice error={quota.error} />
          {quota.data && <QuotaMeter quota={quota.data} requestedMb={template?.memoryMb ?? 0} />}
          <ErrorNotice error={submit.error} onDismiss={submit.clear} />
          <Button variant="primary" type="submit" isBusy={submit.busy} disabled={!form.canSubmit}>
            {__('Create deployment', 'support-provisioning-portal')}
          </Button>
          {!template && <p className="spp-muted">{__('Choose a template to continue.', 'support-provisioning-portal')}</p>}
        </form>
      )}
    </section>
  );
}

function TemplateCard({ template: t, selected, onSelect }: { template: Template; selected: boolean; onSelect: () => void }): JSX.Element {
  const id = `spp-template-${t.id}`;
  return (
    <label htmlFor={id} className={`spp-template-card${selected ? ' is-selected' : ''}`}>
      <input type="radio" id={id} name="spp-template" checked={selected} onChange={onSelect} />
      <span className="spp-template-card__name">{t.name}</span>
      {t.description !== '' && <span className="spp-template-card__description">{t.description}</span>}
      <span className="spp-template-card__specs">
        {templateSpecs(t)}
      </span>
    </label>
  );
}
