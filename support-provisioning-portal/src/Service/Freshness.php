<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentTable;
use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Time;
use SupportProvisioningPortal\Wiring;

/**
 * Brings deployments that a request reads up to date: expires what is due and advances work in
 * flight, so a watching user sees progress without waiting for cron. Costs nothing for
 * deployments with nothing to do. The plugin builds one with its collaborators (Wiring::freshness()).
 */
final class Freshness
{
    /** A list read advances deployments only this long: a slow Proxmox must not stall the list. */
    private const LIST_BUDGET_SECONDS = 2.0;

    public function __construct(
        private readonly DeploymentTable $rows,
        private readonly Expiry $expiry,
        private readonly Worker $worker,
        private readonly Clock $clock,
    ) {
    }

    /**
     * @param list<DeploymentRecord> $deployments
     * @return list<DeploymentRecord>
     */
    public static function refreshAll(array $deployments, int $viewerId): array
    {
        // Nothing due and nothing in flight is a list's rule: then the services that would do the
        // work (expiry, worker and theirs) are not even built. The wired clock is the system's.
        $now = Time::nowDb();
        foreach ($deployments as $deployment) {
            if (self::needsWork($deployment, $now)) {
                return Wiring::freshness()->refreshList($deployments, $viewerId);
            }
        }
        return $deployments;
    }

    public function refresh(DeploymentRecord $deployment, int $viewerId): DeploymentRecord
    {
        if (!$this->bringUpToDate($deployment)) {
            return $deployment;
        }
        return $this->rows->find($deployment->id, $viewerId) ?? $deployment;
    }

    /**
     * @param list<DeploymentRecord> $deployments
     * @return list<DeploymentRecord>
     */
    public function refreshList(array $deployments, int $viewerId): array
    {
        // A budget of real time, whatever the clock says: it bounds how long the reader waits.
        $deadline = microtime(true) + self::LIST_BUDGET_SECONDS;
        $now = $this->clock->nowDb();
        foreach ($deployments as $i => $deployment) {
            // Nothing to do is the rule: that check comes before the budget's.
            if (self::needsWork($deployment, $now) && microtime(true) < $deadline) {
                $deployments[$i] = $this->refresh($deployment, $viewerId);
            }
        }
        return $deployments;
    }

    private static function needsWork(DeploymentRecord $deployment, string $nowDb): bool
    {
        return $deployment->hasPendingStep() || $deployment->isDueBy($nowDb);
    }

    /** @return bool whether anything was attempted */
    private function bringUpToDate(DeploymentRecord $deployment): bool
    {
        $now = $this->clock->nowDb();
        if (!self::needsWork($deployment, $now)) {
            return false;
        }
        if ($deployment->isDueBy($now)) {
            $this->expiry->expireOne($deployment->id);
        }
        $this->worker->advanceDeployment($deployment->id);
        return true;
    }
}
