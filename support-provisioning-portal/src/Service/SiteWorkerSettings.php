<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Settings\SettingsStore;

/** The site's saved settings and wp-config.php's SPP_LOCK_WAIT_MINUTES. */
final class SiteWorkerSettings implements WorkerSettings
{
    public function snapshotLimit(): int
    {
        return (int) SettingsStore::all()['snapshotLimit'];
    }

    public function lockWait(): LockWait
    {
        return LockWait::configured();
    }
}
