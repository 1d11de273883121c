<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/** The site's deployment owners. */
final class DbOwnership implements Ownership
{
    public function holding(int $id): ?array
    {
        return OwnershipStore::holding($id);
    }

    public function move(int $id, int $from, int $to, bool $evenWhileDeleting = false): bool
    {
        return OwnershipStore::move($id, $from, $to, $evenWhileDeleting);
    }

    public function ownedBy(int $ownerId): array
    {
        return OwnershipStore::ownedBy($ownerId);
    }
}
