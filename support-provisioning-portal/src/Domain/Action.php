<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Something a user may do to one deployment; the values are what `allowedActions` lists.
 */
enum Action: string
{
    case VIEW = 'view';
    case START = 'start';
    case STOP = 'stop';
    case PROLONG = 'prolong';
    case REFRESH_IPS = 'refresh_ips';
    case DELETE = 'delete';
    /** List, add and remove the deployment's shares. */
    case SHARE = 'share';
    /** Take, roll back to and delete the deployment's snapshots (listing them is viewing). */
    case SNAPSHOT = 'snapshot';

    /**
     * The right the caller needs before relation and status are even considered.
     */
    public function requiredRight(): Right
    {
        return match ($this) {
            self::VIEW, self::SHARE => Right::PORTAL_ACCESS,
            self::START => Right::START,
            self::STOP => Right::STOP,
            self::PROLONG => Right::PROLONG,
            self::REFRESH_IPS => Right::REFRESH_IPS,
            self::DELETE => Right::DELETE,
            self::SNAPSHOT => Right::SNAPSHOT,
        };
    }
}
