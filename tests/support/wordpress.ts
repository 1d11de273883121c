import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSitePhp } from '../../tools/wp-stack/php-cli.ts';
import { testSite } from './test-site.ts';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'php', 'run.php');

function run(operation: string, argument: unknown = null): unknown {
  return JSON.parse(runSitePhp(testSite(), script, {}, [operation, JSON.stringify(argument)]));
}

/** Runs the plugin's cron tick inside WordPress, as WP-Cron or a system cron would. */
export function cronTick(): { expired: number; advanced: number } {
  return run('tick') as { expired: number; advanced: number };
}

export function setOption(name: string, value: unknown): void {
  run('set-option', { name, value });
}

export function deleteOption(name: string): void {
  run('delete-option', { name });
}

/** Makes the mock Proxmox fail an operation (clone, clone_task, configure, start, stop, destroy). */
export function mockFaults(faults: Record<string, string>): void {
  setOption('spp_mock_faults', faults);
}

/** Deletes the user with WordPress's own wp_delete_user(), handing their posts to `reassign` when given. */
export function deleteUser(id: number, reassign?: number): void {
  run('delete-user', { id, reassign: reassign ?? null });
}

export interface HealthResult {
  label: string;
  status: 'good' | 'recommended' | 'critical';
  description: string;
  test: string;
}

/** The plugin's Site Health tests, run as WordPress's Site Health screen runs its direct tests. */
export function siteHealth(): Record<string, HealthResult> {
  return run('site-health') as Record<string, HealthResult>;
}

export interface PrivacyPage {
  success: boolean;
  data: { data?: { group_id: string; item_id: string; data: { name: string; value: string }[] }[]; done: boolean; items_removed?: boolean; items_retained?: boolean; messages?: string[] } | string;
}

/**
 * A confirmed privacy request for `email`, then the plugin's exporter or eraser through WordPress's
 * own ajax handler (wp_ajax_wp_privacy_export_personal_data / _erase_), page by page, as an
 * administrator's browser runs them from Tools → Export/Erase Personal Data.
 */
export function privacyRequest(email: string, action: 'export_personal_data' | 'remove_personal_data', adminId: number): { requestId: number; pages: PrivacyPage[] } {
  return run('privacy', { email, action, adminId }) as { requestId: number; pages: PrivacyPage[] };
}
