<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Support\Time;

/** The deployment rows of the worker, the expiry and the user's requests in the site's table (DeploymentStore). */
final class DbDeploymentRows implements DeploymentTable
{
    public function find(int $id, int $viewerId = 0): ?DeploymentRecord
    {
        return DeploymentStore::find($id, $viewerId);
    }

    public function insert(array $fields): int
    {
        return DeploymentStore::insert($fields);
    }

    public function transition(int $id, array $from, Status $to, array $fields = []): bool
    {
        return DeploymentStore::transition($id, $from, $to, $fields);
    }

    public function updateWhere(int $id, array $from, array $fields): bool
    {
        return DeploymentStore::updateWhere($id, $from, $fields);
    }

    public function beginStep(int $id, array $from, string $step, array $fields): bool
    {
        return DeploymentStore::beginStep($id, $from, $step, $fields);
    }

    public function reExpire(int $id, array $from, ?string $expectedExpiresAt, string $expiresAt, array $fields = []): bool
    {
        return DeploymentStore::reExpire($id, $from, $expectedExpiresAt, $expiresAt, $fields);
    }

    public function ownerUsage(int $ownerId): array
    {
        return DeploymentStore::ownerUsage($ownerId);
    }

    public function ownerAndSiteUsage(int $ownerId): array
    {
        return DeploymentStore::ownerAndSiteUsage($ownerId);
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
