<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Another request held a named lock for longer than the caller would wait. The REST layer
 * answers 503 `spp_try_again`.
 */
final class LockTimeout extends \RuntimeException
{
    public function __construct(public readonly string $purpose)
    {
        parent::__construct(sprintf('The %s lock is held by another request; try again.', $purpose));
    }
}
