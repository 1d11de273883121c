<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * How the caller relates to a deployment. An owner who is also in the share list is OWNER.
 */
enum Relation: string
{
    case OWNER = 'owner';
    case SHARED = 'shared';
    case NONE = 'none';
}
