<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The status changes a deployment may go through (CONTRACT §4).
 *
 * Staying in the same status is not a transition. Stores apply a change with a conditional
 * update (`... WHERE status IN (allowedSources($to))`) so concurrent requests cannot race.
 */
final class LifecycleTransitions
{
    public static function canTransition(Status $from, Status $to): bool
    {
        return in_array($to, self::targets($from), true);
    }

    /**
     * The statuses from which a deployment may move to `$to`.
     *
     * @return list<Status> in enum order
     */
    public static function allowedSources(Status $to): array
    {
        return array_values(array_filter(
            Status::cases(),
            static fn (Status $from): bool => self::canTransition($from, $to)
        ));
    }

    /**
     * @return list<Status>
     */
    private static function targets(Status $from): array
    {
        return match ($from) {
            // Provisioning ends stopped, started (template setting) or failed (clone removed).
            Status::PROVISIONING => [Status::STOPPED, Status::RUNNING, Status::FAILED],
            Status::STOPPED => [Status::RUNNING, Status::EXPIRED, Status::DELETING],
            // Expiry stops the VM, then marks it EXPIRED.
            Status::RUNNING => [Status::STOPPED, Status::EXPIRED, Status::DELETING],
            // Prolong brings it back as STOPPED; it is never started implicitly.
            Status::EXPIRED => [Status::STOPPED, Status::DELETING],
            // DELETED directly when no VM is left to remove (provisioning compensated).
            Status::FAILED => [Status::DELETING, Status::DELETED],
            // FAILED when Proxmox refuses the delete for good; the user may retry the delete.
            Status::DELETING => [Status::DELETED, Status::FAILED],
            Status::DELETED => [],
        };
    }
}
