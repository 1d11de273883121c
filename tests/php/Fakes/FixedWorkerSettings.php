<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Service\LockWait;
use SupportProvisioningPortal\Service\WorkerSettings;

final class FixedWorkerSettings implements WorkerSettings
{
    public function __construct(public int $snapshotLimit = 3, public int $lockWaitMinutes = 30)
    {
    }

    public function snapshotLimit(): int
    {
        return $this->snapshotLimit;
    }

    public function lockWait(): LockWait
    {
        return new LockWait($this->lockWaitMinutes * 60);
    }
}
