<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\DeploymentRows;
use SupportProvisioningPortal\Store\Transaction;
use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Time;
use SupportProvisioningPortal\Wiring;

/**
 * Expires deployments whose time is up: EXPIRED at once (one conditional update decides which
 * worker does it), then the worker stops the VM and protects it. Expired VMs are never deleted.
 * The plugin builds one Expiry with its collaborators (Wiring::expiry()).
 */
final class Expiry
{
    public const BATCH = 200;

    public function __construct(
        private readonly DeploymentRows $store,
        private readonly AuditLog $audit,
        private readonly Clock $clock,
    ) {
    }

    /** @return int how many deployments this call expired */
    public static function sweep(int $limit = self::BATCH): int
    {
        // One commit for the batch: committing each update and audit row alone made a mass expiry
        // wait on hundreds of log flushes per tick (docs/benchmarks.md, expiry sweep).
        return Transaction::run(static fn (): int => Wiring::expiry()->expireDue($limit));
    }

    public static function expire(int $id): bool
    {
        return Wiring::expiry()->expireOne($id);
    }

    /** @return int how many of the (at most $limit) due deployments this call expired */
    public function expireDue(int $limit): int
    {
        $expired = 0;
        foreach ($this->store->dueIds($this->clock->now(), $limit) as $id) {
            $expired += $this->expireOne($id) ? 1 : 0;
        }
        return $expired;
    }

    public function expireOne(int $id): bool
    {
        $now = $this->clock->now();
        $won = $this->store->expireIfDue($id, $now, Steps::EXPIRE_STOP);
        if ($won) {
            $this->audit->recordSystem('deployment.expire', $id, AuditTrail::SUCCESS, ['expiredAt' => Time::toDb($now)]);
        }
        return $won;
    }
}
