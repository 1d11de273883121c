<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\Claim;
use SupportProvisioningPortal\Store\DeploymentRecord;
use SupportProvisioningPortal\Store\DeploymentRows;

/**
 * Rows through which something else happens at the worst moment: right before the worker's first
 * update of a pass, after it read the row and called Proxmox (another worker, a user's request).
 */
final class InterruptedRows implements DeploymentRows
{
    public function __construct(private readonly DeploymentRows $rows, private ?\Closure $meanwhile)
    {
    }

    public function find(int $id): ?DeploymentRecord
    {
        return $this->rows->find($id);
    }

    public function dueIds(\DateTimeImmutable $now, int $limit): array
    {
        return $this->rows->dueIds($now, $limit);
    }

    public function expireIfDue(int $id, \DateTimeImmutable $now, string $step): bool
    {
        return $this->rows->expireIfDue($id, $now, $step);
    }

    public function claim(int $id, \DateTimeImmutable $now): ?Claim
    {
        return $this->rows->claim($id, $now);
    }

    public function updateClaimed(Claim $claim, Status $status, string $step, array $fields, \DateTimeImmutable $now): bool
    {
        $meanwhile = $this->meanwhile;
        $this->meanwhile = null;
        if ($meanwhile !== null) {
            $meanwhile();
        }
        return $this->rows->updateClaimed($claim, $status, $step, $fields, $now);
    }

    public function release(Claim $claim): void
    {
        $this->rows->release($claim);
    }
}
