import { Button, RadioControl, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { createDeployment, getQuota, listTemplates } from '../../api/endpoints.ts';
import type { Template } from '../../api/types.ts';
import { ErrorNotice, FieldError } from '../../components/ErrorNotice.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';
import { domain, formatHours, formatMb } from '../../components/labels.ts';
import { navigate } from '../route.ts';
import { handOff } from './handoff.ts';
import { QuotaMeter, quotaShortfall } from '../../components/QuotaMeter.tsx';

export function NewDeployment(): JSX.Element {
  const templates = useLoad(() => listTemplates(), 'templates');
  const quota = useLoad(getQuota, 'quota');
  const submit = useAction();
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<'hours' | 'never'>('hours');
  const [hours, setHours] = useState('');

  const template = templates.data?.find((t) => t.id === templateId) ?? null;
  const hoursValue = hours === '' && template ? template.defaultTtlHours : Number(hours);
  const hoursProblem = template && lifetime === 'hours' && !(Number.isInteger(hoursValue) && hoursValue >= 1 && hoursValue <= template.maxTtlHours)
    ? sprintf(/* translators: %d: maximum hours */ __('Enter a whole number of hours from 1 to %d.', domain), template.maxTtlHours)
    : null;
  const shortfall = template && quota.data ? quotaShortfall(quota.data, template.memoryMb) : null;

  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (!template || hoursProblem || shortfall) return;
    void submit
      .run(() => createDeployment({
        templateId: template.id,
        name: name.trim(),
        ...(lifetime === 'never' ? { neverExpire: true } : { ttlHours: hoursValue }),
      }))
      .then((created) => {
        if (!created) return;
        handOff(created);
        navigate('deployments', created.id);
      });
  };

  return (
    <section aria-labelledby="spp-new-title">
      <h2 id="spp-new-title">{__('New deployment', domain)}</h2>
      <ErrorNotice error={templates.error} />
      {templates.loading && <Spinner />}
      {templates.data?.length === 0 && <p>{__('No approved templates yet. A template manager must import one first.', domain)}</p>}
      {templates.data && templates.data.length > 0 && (
        <form onSubmit={onSubmit} className="spp-new">
          <fieldset>
            <legend>{__('Template', domain)}</legend>
            <div className="spp-template-cards">
              {templates.data.map((t) => (
                <TemplateCard key={t.id} template={t} selected={t.id === templateId} onSelect={() => setTemplateId(t.id)} />
              ))}
            </div>
            <FieldError error={submit.error} field="templateId" />
          </fieldset>
          <TextControl
            label={__('Name (optional)', domain)}
            value={name}
            onChange={setName}
            maxLength={190}
            help={__('Left empty, the portal names it after you and the template.', domain)}
          />
          <FieldError error={submit.error} field="name" />
          <RadioControl
            label={__('Lifetime', domain)}
            selected={lifetime}
            options={[
              { value: 'hours', label: __('Expire after a number of hours', domain) },
              { value: 'never', label: __('Never expire', domain) },
            ]}
            onChange={(value: string) => setLifetime(value === 'never' ? 'never' : 'hours')}
          />
          {lifetime === 'hours' && (
            <TextControl
              label={__('Hours until it expires', domain)}
              type="number"
              min={1}
              max={template?.maxTtlHours}
              value={hours === '' && template ? String(template.defaultTtlHours) : hours}
              onChange={setHours}
              help={template
                ? sprintf(/* translators: 1: default, 2: maximum */ __('Default %1$s, at most %2$s.', domain), formatHours(template.defaultTtlHours), formatHours(template.maxTtlHours))
                : __('Choose a template first.', domain)}
            />
          )}
          {hoursProblem && <p className="spp-field-error" role="alert">{hoursProblem}</p>}
          <FieldError error={submit.error} field="ttlHours" />
          <ErrorNotice error={quota.error} />
          {quota.data && <QuotaMeter quota={quota.data} requestedMb={template?.memoryMb ?? 0} />}
          <ErrorNotice error={submit.error} onDismiss={submit.clear} />
          <Button variant="primary" type="submit" isBusy={submit.busy} disabled={submit.busy || !template || hoursProblem !== null || shortfall !== null}>
            {__('Create deployment', domain)}
          </Button>
          {!template && <p className="spp-muted">{__('Choose a template to continue.', domain)}</p>}
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
        {sprintf(
          /* translators: 1: CPU cores, 2: RAM, 3: disk GB, 4: default lifetime */
          __('%1$d CPU · %2$s RAM · %3$d GB disk · default %4$s', domain),
          t.cpuCores,
          formatMb(t.memoryMb),
          t.diskGb,
          formatHours(t.defaultTtlHours),
        )}
      </span>
    </label>
  );
}
