<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Mail\ExpiryWarnings;
use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * One cron tick: expire what is due, advance work in flight, stop what a template's auto-stop
 * schedule stops, compare the deployments with the cluster (every few minutes, DriftReport), then
 * warn about expiries ahead. All
 * are bounded per tick (by count, and the advancing also by time) and safe to run on several servers at once (conditional
 * updates and claims).
 */
final class Ticker
{
    public const PENDING_BATCH = 1000;
    /**
     * Advancing stops once this much of the tick has passed: well inside PHP's usual 30 s limit,
     * and it lets a fast Proxmox stop a mass expiry's VMs in minutes instead of 50 a minute.
     */
    public const PENDING_BUDGET_SECONDS = 15.0;
    /** When the last tick finished (Unix time), for Site Health. */
    public const LAST_RUN_OPTION = 'spp_last_tick';

    /** @return array{expired: int, advanced: int, autoStopped: int, driftChecked: bool, warned: int} */
    public static function tick(): array
    {
        $deadline = microtime(true) + self::PENDING_BUDGET_SECONDS;
        $expired = Expiry::sweep();
        $advanced = 0;
        foreach (DeploymentStore::pendingIds(self::PENDING_BATCH) as $id) {
            if (microtime(true) >= $deadline) {
                break;
            }
            Worker::advance($id);
            $advanced++;
        }
        $autoStopped = AutoStop::sweep($deadline);
        $driftChecked = DriftReport::onTick($deadline);
        update_option(self::LAST_RUN_OPTION, time(), false);
        return ['expired' => $expired, 'advanced' => $advanced, 'autoStopped' => $autoStopped, 'driftChecked' => $driftChecked, 'warned' => ExpiryWarnings::sweep()];
    }

    /** When the last tick finished (Unix time), null when none has yet. */
    public static function lastRun(): ?int
    {
        $last = get_option(self::LAST_RUN_OPTION, null);
        return is_numeric($last) ? (int) $last : null;
    }
}
