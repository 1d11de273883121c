<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;

/**
 * The deployment rows as the worker and the expiry use them: read one, claim it for a step, change
 * it while the claim holds, release it; find and expire what is due. Two implementations are
 * real: DbDeploymentRows (the site's table) and the in-memory rows of the state-machine tests
 * (tests/php/Fakes).
 */
interface DeploymentRows
{
    public function find(int $id): ?DeploymentRecord;

    /** @return list<int> running or stopped deployments whose time is up at $now, soonest first */
    public function dueIds(\DateTimeImmutable $now, int $limit): array;

    /** STOPPED/RUNNING → EXPIRED with $step next, only if its expiry has really passed at $now (a prolong may have won). */
    public function expireIfDue(int $id, \DateTimeImmutable $now, string $step): bool;

    /**
     * Takes the deployment for one step unless another worker holds it or it waits for its retry
     * time; null when it is not free at $now.
     */
    public function claim(int $id, \DateTimeImmutable $now): ?Claim;

    /**
     * Changes $fields only while $claim holds and the deployment is still in the status and step
     * the worker read, and extends the claim from $now; false when the worker lost (nothing changed).
     *
     * @param array<string, int|string|null> $fields
     */
    public function updateClaimed(Claim $claim, Status $status, string $step, array $fields, \DateTimeImmutable $now): bool;

    /** Ends the claim, unless it was lost to another worker meanwhile. */
    public function release(Claim $claim): void;
}
