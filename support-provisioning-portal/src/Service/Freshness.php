<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Support\Time;

/**
 * Brings deployments that a request reads up to date: expires what is due and advances work in
 * flight, so a watching user sees progress without waiting for cron. Costs nothing for
 * deployments with nothing to do.
 */
final class Freshness
{
    /** A list read advances deployments only this long: a slow Proxmox must not stall the list. */
    private const LIST_BUDGET_SECONDS = 2.0;

    public static function refresh(DeploymentRecord $deployment, int $viewerId): DeploymentRecord
    {
        if (!self::bringUpToDate($deployment)) {
            return $deployment;
        }
        return DeploymentStore::find($deployment->id, $viewerId) ?? $deployment;
    }

    /**
     * @param list<DeploymentRecord> $deployments
     * @return list<DeploymentRecord>
     */
    public static function refreshAll(array $deployments, int $viewerId): array
    {
        $deadline = microtime(true) + self::LIST_BUDGET_SECONDS;
        $now = Time::now();
        foreach ($deployments as $i => $deployment) {
            if (microtime(true) < $deadline && self::needsWork($deployment, $now)) {
                $deployments[$i] = self::refresh($deployment, $viewerId);
            }
        }
        return $deployments;
    }

    private static function needsWork(DeploymentRecord $deployment, \DateTimeImmutable $now): bool
    {
        return $deployment->isDue($now) || $deployment->hasPendingStep();
    }

    /** @return bool whether anything was attempted */
    private static function bringUpToDate(DeploymentRecord $deployment): bool
    {
        if (!self::needsWork($deployment, Time::now())) {
            return false;
        }
        if ($deployment->isDue(Time::now())) {
            Expiry::expire($deployment->id);
        }
        Worker::advance($deployment->id);
        return true;
    }
}
