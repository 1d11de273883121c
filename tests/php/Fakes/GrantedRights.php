<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Service\RightsLookup;

/** Rights the test grants, by user; a user it names not has none. */
final class GrantedRights implements RightsLookup
{
    /** @var array<int, list<Right>> */
    private array $granted = [];

    public function grant(int $userId, Right ...$rights): void
    {
        $this->granted[$userId] = array_values($rights);
    }

    public function effective(int $userId): array
    {
        return $this->granted[$userId] ?? [];
    }
}
