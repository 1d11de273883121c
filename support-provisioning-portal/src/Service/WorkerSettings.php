<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The settings the worker's steps read: SiteWorkerSettings in the plugin (read when a step asks, so
 * a change applies to the next step); fixed values in the state-machine tests.
 */
interface WorkerSettings
{
    /** How many of a VM's own snapshots a take may add to (the site's snapshotLimit). */
    public function snapshotLimit(): int;

    /** How long a step waits for a lock on Proxmox, and how it paces its retries. */
    public function lockWait(): LockWait;
}
