<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Store\DeploymentStore;

/**
 * One cron tick: expire what is due, then advance work in flight. Both are bounded per tick and
 * safe to run on several servers at once (conditional updates and claims).
 */
final class Ticker
{
    public const PENDING_BATCH = 50;

    /** @return array{expired: int, advanced: int} */
    public static function tick(): array
    {
        $expired = Expiry::sweep();
        $pending = DeploymentStore::pendingIds(self::PENDING_BATCH);
        foreach ($pending as $id) {
            Worker::advance($id);
        }
        return ['expired' => $expired, 'advanced' => count($pending)];
    }
}
