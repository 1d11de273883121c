<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\DeploymentStore;
use SupportProvisioningPortal\Store\Transaction;
use SupportProvisioningPortal\Support\Time;

/**
 * Expires deployments whose time is up: EXPIRED at once (one conditional update decides which
 * worker does it), then the worker stops the VM and protects it. Expired VMs are never deleted.
 */
final class Expiry
{
    public const BATCH = 200;

    /** @return int how many deployments this call expired */
    public static function sweep(int $limit = self::BATCH): int
    {
        // One commit for the batch: committing each update and audit row alone made a mass expiry
        // wait on hundreds of log flushes per tick (docs/benchmarks.md, expiry sweep).
        return Transaction::run(static function () use ($limit): int {
            $expired = 0;
            foreach (DeploymentStore::dueIds(Time::now(), $limit) as $id) {
                $expired += self::expire($id) ? 1 : 0;
            }
            return $expired;
        });
    }

    public static function expire(int $id): bool
    {
        $now = Time::nowDb();
        $won = DeploymentStore::expireIfDue($id, $now, Steps::EXPIRE_STOP);
        if ($won) {
            AuditTrail::recordSystem('deployment.expire', $id, AuditTrail::SUCCESS, ['expiredAt' => $now]);
        }
        return $won;
    }
}
