<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Who owns a deployment, as a hand-over changes it. OwnershipStore (the site's table) in the plugin;
 * the fast tests keep it with their in-memory rows.
 */
interface Ownership
{
    /** @return array{ramMb: int, holdsVm: bool}|null what the deployment holds against its owner's contingents; null when gone */
    public function holding(int $id): ?array;

    /** Gives the deployment to $to if $from still owns it (see OwnershipStore::move()). */
    public function move(int $id, int $from, int $to, bool $evenWhileDeleting = false): bool;

    /** @return list<array{id: int, status: string}> the user's deployments not gone yet, oldest first */
    public function ownedBy(int $ownerId): array;
}
