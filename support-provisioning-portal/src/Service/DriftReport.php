<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxError;

/**
 * The last drift check's findings, kept in an option: made by the cron tick every INTERVAL_SECONDS
 * (within the tick's time budget; at once while a check is incomplete) and on demand from the Drift
 * view. Actions never trust it: each proves its case again, then takes the item out.
 */
final class DriftReport
{
    public const OPTION = 'spp_drift_report';
    public const INTERVAL_SECONDS = 300;

    /** @return array{checkedAt: ?string, complete: bool, foreignMarkers: int, orphans: list<array<string, mixed>>, deployments: list<array<string, mixed>>} */
    public static function stored(): array
    {
        $report = get_option(self::OPTION, null);
        $empty = ['checkedAt' => null, 'complete' => false, 'foreignMarkers' => 0, 'orphans' => [], 'deployments' => []];
        return is_array($report) ? array_intersect_key($report, $empty) + $empty : $empty;
    }

    /**
     * @return array{checkedAt: ?string, complete: bool, foreignMarkers: int, orphans: list<array<string, mixed>>, deployments: list<array<string, mixed>>}
     * @throws ServiceError 502 when the cluster cannot be listed
     */
    public static function checkNow(float $deadline): array
    {
        try {
            $report = self::runOn($deadline);
        } catch (ProxmoxError $error) {
            throw DriftProof::proxmoxError($error);
        }
        AuditTrail::addDetails(['orphans' => count($report['orphans']), 'deployments' => count($report['deployments'])]);
        return self::stored();
    }

    /**
     * The tick's check: when the last one is older than the interval, or stopped at a bound (then
     * this one goes on where it stopped), and the tick has time left.
     */
    public static function onTick(float $deadline): bool
    {
        $stored = self::stored();
        $last = $stored['checkedAt'];
        $due = $last === null || !$stored['complete'] || strtotime($last) <= time() - self::INTERVAL_SECONDS;
        if (!$due || microtime(true) >= $deadline) {
            return false;
        }
        try {
            self::runOn($deadline);
        } catch (ProxmoxError) {
            return false;
        }
        return true;
    }

    /**
     * One bounded run. A check that stopped at a bound is continued after the last deployment it
     * compared, keeping what it found before (minus what actions took out since), so every
     * deployment is compared in turn however many there are; one that finished starts again from
     * the first.
     *
     * @return array{checkedAt: string, complete: bool, resumeAfter: int, foreignMarkers: int, orphans: list<array<string, mixed>>, deployments: list<array<string, mixed>>}
     * @throws ProxmoxError
     */
    private static function runOn(float $deadline): array
    {
        $previous = get_option(self::OPTION, null);
        $after = is_array($previous) ? (int) ($previous['resumeAfter'] ?? 0) : 0;
        $report = DriftScan::current()->run($deadline, $after);
        if ($after > 0 && is_array($previous['deployments'] ?? null)) {
            $earlier = array_filter($previous['deployments'], static fn (mixed $item): bool => is_array($item) && (int) ($item['id'] ?? 0) <= $after);
            $report['deployments'] = array_merge(array_values($earlier), $report['deployments']);
        }
        update_option(self::OPTION, $report, false);
        return $report;
    }

    public static function forgetOrphan(int $vmid): void
    {
        self::forget('orphans', 'vmid', $vmid);
    }

    public static function forgetDeployment(int $id): void
    {
        self::forget('deployments', 'id', $id);
    }

    private static function forget(string $list, string $key, int $value): void
    {
        $report = get_option(self::OPTION, null);
        if (!is_array($report) || !is_array($report[$list] ?? null)) {
            return;
        }
        $report[$list] = array_values(array_filter($report[$list], static fn (mixed $item): bool => !is_array($item) || ($item[$key] ?? null) !== $value));
        update_option(self::OPTION, $report, false);
    }
}
