import { __ } from '@wordpress/i18n';

/** The audit log's actions (the routes' `spp_audit` keys and the system's events) in words. */
export function auditActionLabel(action: string): string {
  const labels: Record<string, string> = {
    'deployment.create': __('Created a deployment', 'support-provisioning-portal'),
    'deployment.provisioned': __('Provisioning finished', 'support-provisioning-portal'),
    'deployment.provision_failed': __('Provisioning failed', 'support-provisioning-portal'),
    'deployment.start': __('Started', 'support-provisioning-portal'),
    'deployment.stop': __('Stopped', 'support-provisioning-portal'),
    'deployment.prolong': __('Prolonged', 'support-provisioning-portal'),
    'deployment.refresh_ips': __('Read IP addresses', 'support-provisioning-portal'),
    'deployment.update': __('Changed the case details', 'support-provisioning-portal'),
    'deployment.delete': __('Asked to delete', 'support-provisioning-portal'),
    'deployment.deleted': __('Deleted: VM and disks gone', 'support-provisioning-portal'),
    'deployment.delete_failed': __('Deleting failed', 'support-provisioning-portal'),
    'deployment.expire': __('Expired and stopped', 'support-provisioning-portal'),
    'deployment.auto_stop': __('Stopped by the template\'s auto-stop schedule', 'support-provisioning-portal'),
    'deployment.vm_not_owned': __('Left a VM alone that is not its own', 'support-provisioning-portal'),
    'share.add': __('Shared', 'support-provisioning-portal'),
    'share.remove': __('Stopped sharing', 'support-provisioning-portal'),
    'rights.update': __('Changed user rights', 'support-provisioning-portal'),
    'settings.update': __('Changed Proxmox settings', 'support-provisioning-portal'),
    'settings.test_connection': __('Tested the Proxmox connection', 'support-provisioning-portal'),
    'settings.ticket_links': __('Changed the ticket links', 'support-provisioning-portal'),
    'template.import': __('Imported a template', 'support-provisioning-portal'),
    'template.update': __('Changed a template', 'support-provisioning-portal'),
    'template.retire': __('Retired a template', 'support-provisioning-portal'),
    'template.connection_profile': __('Changed a connection profile', 'support-provisioning-portal'),
  };
  return labels[action] ?? action;
}

/** A detail value as text: strings as they are, anything else as JSON. */
export function detailText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
