<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Service\QuotaLimits;

/** The same limits for every user, as the test sets them (null = unlimited). */
final class FixedQuotaLimits implements QuotaLimits
{
    public function __construct(public ?int $userRamMb = null, public ?int $globalRamMb = null, public ?int $userVms = null)
    {
    }

    public function forUser(int $userId): array
    {
        return [$this->userRamMb, $this->globalRamMb, $this->userVms];
    }
}
