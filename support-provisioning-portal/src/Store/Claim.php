<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * One worker's hold on one deployment. Its token makes every step change and the release
 * conditional on still holding it: a worker whose claim ran out and was taken by another cannot
 * change the row or release the other's claim.
 */
final class Claim
{
    public function __construct(public readonly int $deploymentId, public readonly string $token)
    {
    }
}
