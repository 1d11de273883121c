<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;

/**
 * The deployment rows as the user's requests change them (create, lifecycle actions, quotas), on
 * top of the worker's view. Every change is conditional on the status (and, for a prolong, the
 * expiry) the request read, so of two racing requests one wins. Two implementations are real:
 * DbDeploymentRows (the site's table) and the in-memory rows of the fast tests (tests/php/Fakes).
 */
interface DeploymentTable extends DeploymentRows
{
    /** The deployment, with whether it is shared with $viewerId (0: nobody's view). */
    public function find(int $id, int $viewerId = 0): ?DeploymentRecord;

    /** @param array<string, int|string|null> $fields */
    public function insert(array $fields): int;

    /**
     * Moves a deployment to $to only if it is still in one of $from.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public function transition(int $id, array $from, Status $to, array $fields = []): bool;

    /**
     * Updates fields only while the deployment is in one of $from.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public function updateWhere(int $id, array $from, array $fields): bool;

    /**
     * Starts a background step (a snapshot job) only while the deployment is in one of $from with
     * no step pending.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public function beginStep(int $id, array $from, string $step, array $fields): bool;

    /**
     * Sets a new expiry only if the status and the expiry are still what the caller read.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public function reExpire(int $id, array $from, ?string $expectedExpiresAt, string $expiresAt, array $fields = []): bool;

    /** @return array{int, int} the owner's RAM counted towards quotas (MB), and deployments holding a VM */
    public function ownerUsage(int $ownerId): array;

    /** @return array{int, int, int} ownerUsage(), and everyone's RAM counted towards quotas (MB), in one read */
    public function ownerAndSiteUsage(int $ownerId): array;
}
