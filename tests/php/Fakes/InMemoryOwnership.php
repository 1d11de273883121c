<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Store\Ownership;

/** The owners of the in-memory rows, with OwnershipStore's conditions; a receiver's share goes when it moves to them. */
final class InMemoryOwnership implements Ownership
{
    public function __construct(private readonly InMemoryDeployments $rows, private readonly InMemoryShares $shares)
    {
    }

    public function holding(int $id): ?array
    {
        $d = $this->rows->find($id);
        if ($d === null || $d->status === Status::DELETED) {
            return null;
        }
        $countsRam = $d->status->countsTowardsQuota() && (int) $this->rows->row($id)['ram_released'] === 0;
        return ['ramMb' => $countsRam ? $d->memoryMb : 0, 'holdsVm' => $d->status->holdsVm($d->vmid !== null)];
    }

    public function move(int $id, int $from, int $to, bool $evenWhileDeleting = false): bool
    {
        $gone = $evenWhileDeleting ? [Status::DELETED] : [Status::DELETED, Status::DELETING];
        $statuses = array_values(array_filter(Status::cases(), static fn (Status $s): bool => !in_array($s, $gone, true)));
        if (!$this->rows->changeOwner($id, $from, $to, $statuses)) {
            return false;
        }
        $this->shares->remove($id, $to);
        return true;
    }

    public function ownedBy(int $ownerId): array
    {
        return $this->rows->ownedBy($ownerId);
    }
}
