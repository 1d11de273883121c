<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Support\Time;

/** The worker's and the expiry's rows in the site's deployments table (DeploymentStore). */
final class DbDeploymentRows implements DeploymentRows
{
    public function find(int $id): ?DeploymentRecord
    {
        return DeploymentStore::find($id);
    }

    public function dueIds(\DateTimeImmutable $now, int $limit): array
    {
        return DeploymentStore::dueIds($now, $limit);
    }

    public function expireIfDue(int $id, \DateTimeImmutable $now, string $step): bool
    {
        return DeploymentStore::expireIfDue($id, Time::toDb($now), $step);
    }

    public function claim(int $id, \DateTimeImmutable $now): ?Claim
    {
        return DeploymentStore::claim($id, $now);
    }

    public function updateClaimed(Claim $claim, Status $status, string $step, array $fields, \DateTimeImmutable $now): bool
    {
        return DeploymentStore::updateClaimed($claim, $status, $step, $fields, $now);
    }

    public function release(Claim $claim): void
    {
        DeploymentStore::release($claim);
    }
}
