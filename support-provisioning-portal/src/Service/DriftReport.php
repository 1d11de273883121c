<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxError;

/**
 * The last drift check's findings, kept in an option: made by the cron tick every INTERVAL_SECONDS
 * (within the tick's time budget) and on demand from the Drift view. Actions never trust it: each
 * proves its case again, then takes the item out.
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
            $report = DriftScan::current()->run($deadline);
        } catch (ProxmoxError $error) {
            throw DriftProof::proxmoxError($error);
        }
        update_option(self::OPTION, $report, false);
        AuditTrail::addDetails(['orphans' => count($report['orphans']), 'deployments' => count($report['deployments'])]);
        return $report;
    }

    /** The tick's check: when the last one is older than the interval and the tick has time left. */
    public static function onTick(float $deadline): bool
    {
        $last = self::stored()['checkedAt'];
        if ($last !== null && strtotime($last) > time() - self::INTERVAL_SECONDS || microtime(true) >= $deadline) {
            return false;
        }
        try {
            update_option(self::OPTION, DriftScan::current()->run($deadline), false);
        } catch (ProxmoxError) {
            return false;
        }
        return true;
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
