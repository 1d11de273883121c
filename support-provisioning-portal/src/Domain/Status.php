<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Lifecycle status of a deployment, stored as its string value.
 */
enum Status: string
{
    case PROVISIONING = 'PROVISIONING';
    case STOPPED = 'STOPPED';
    case RUNNING = 'RUNNING';
    case EXPIRED = 'EXPIRED';
    case DELETING = 'DELETING';
    case DELETED = 'DELETED';
    case FAILED = 'FAILED';

    /**
     * Whether a deployment in this status holds RAM against the user and global contingents.
     */
    public function countsTowardsQuota(): bool
    {
        return match ($this) {
            self::PROVISIONING, self::STOPPED, self::RUNNING, self::DELETING => true,
            self::EXPIRED, self::DELETED, self::FAILED => false,
        };
    }

    /**
     * Whether a deployment in this status holds a VM on Proxmox, or is about to (PROVISIONING).
     * A FAILED deployment holds one while it has a VMID: a failed deletion left it, and after a
     * failed provisioning the portal cannot tell without asking Proxmox whether the clean-up
     * removed it (docs/decisions/vm-contingent.md).
     */
    public function holdsVm(bool $hasVmid): bool
    {
        return match ($this) {
            self::PROVISIONING, self::STOPPED, self::RUNNING, self::EXPIRED, self::DELETING => true,
            self::FAILED => $hasVmid,
            self::DELETED => false,
        };
    }

    /**
     * Whether background work owns the deployment, so users must wait.
     */
    public function isBusy(): bool
    {
        return $this === self::PROVISIONING || $this === self::DELETING;
    }

    /**
     * The values of the statuses that count towards the quota, for SQL `IN (...)` lists.
     *
     * @return list<string>
     */
    public static function quotaStatuses(): array
    {
        $values = [];
        foreach (self::cases() as $status) {
            if ($status->countsTowardsQuota()) {
                $values[] = $status->value;
            }
        }
        return $values;
    }
}
