import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { createDeployment, getQuota, listTemplates } from '../api/endpoints.ts';
import type { Deployment } from '../api/types.ts';
import { useAction, useLoad } from './hooks.ts';
import { formatHours, formatMb } from './labels.ts';
import { quotaShortfall } from './QuotaMeter.tsx';
import { noTicket, type TicketValues } from './TicketFields.tsx';

/** The new-deployment form's state and rules: template, name, lifetime, quota, submitting. */
export function useNewDeployment(onCreated: (created: Deployment) => void) {
  const templates = useLoad(() => listTemplates(), 'templates');
  const quota = useLoad(getQuota, 'quota');
  const submit = useAction();
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [neverExpire, setNeverExpire] = useState(false);
  const [hours, setHours] = useState('');
  const [ticket, setTicket] = useState<TicketValues>(noTicket);

  const template = templates.data?.find((t) => t.id === templateId) ?? null;
  const hoursValue = hours === '' && template ? template.defaultTtlHours : Number(hours);
  const hoursProblem = template && !neverExpire && !(Number.isInteger(hoursValue) && hoursValue >= 1 && hoursValue <= template.maxTtlHours)
    ? sprintf(/* translators: %d: maximum hours */ __('Enter a whole number of hours from 1 to %d.', 'support-provisioning-portal'), template.maxTtlHours)
    : null;
  const shortfall = template && quota.data ? quotaShortfall(quota.data, template.memoryMb) : null;

  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (!template || hoursProblem || shortfall) return;
    void submit
      .run(() => createDeployment({
        templateId: template.id,
        name: name.trim(),
        ...trimmed(ticket),
        ...(neverExpire ? { neverExpire: true } : { ttlHours: hoursValue }),
      }))
      .then((created) => {
        if (created) onCreated(created);
      });
  };

  return {
    templates,
    quota,
    submit,
    templateId,
    setTemplateId,
    template,
    name,
    setName,
    neverExpire,
    setNeverExpire,
    /** The hours field shows the template's default until edited. */
    hoursShown: hours === '' && template ? String(template.defaultTtlHours) : hours,
    setHours,
    hoursHelp: template
      ? sprintf(/* translators: 1: default, 2: maximum */ __('Default %1$s, at most %2$s.', 'support-provisioning-portal'), formatHours(template.defaultTtlHours), formatHours(template.maxTtlHours))
      : __('Choose a template first.', 'support-provisioning-portal'),
    hoursProblem,
    ticket,
    setTicket,
    ticketRequired: template?.requireTicketRef ?? false,
    canSubmit: !submit.busy && template !== null && hoursProblem === null && shortfall === null
      && !(template.requireTicketRef && ticket.ticketRef.trim() === ''),
    onSubmit,
  };
}

/** The case fields that were filled in, trimmed; empty ones are left out of the request. */
function trimmed(values: TicketValues): Partial<TicketValues> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim()]).filter(([, value]) => value !== ''));
}

/** A template's size and default lifetime in one line, for choosing among templates. */
export function templateSpecs(t: { cpuCores: number; memoryMb: number; diskGb: number; defaultTtlHours: number }): string {
  return sprintf(
    /* translators: 1: CPU cores, 2: RAM, 3: disk GB, 4: default lifetime */
    __('%1$d CPU · %2$s RAM · %3$d GB disk · default %4$s', 'support-provisioning-portal'),
    t.cpuCores,
    formatMb(t.memoryMb),
    t.diskGb,
    formatHours(t.defaultTtlHours),
  );
}
