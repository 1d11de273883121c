<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Support\Time;

/**
 * Who owns a deployment, for hand-overs (docs/decisions/hand-over.md). A move is one conditional
 * update on the owner it read, so two hand-overs of one deployment never both build on the same owner.
 */
final class OwnershipStore
{
    /**
     * What the deployment holds against its owner's contingents: the RAM it counts (CONTRACT §5)
     * and whether it holds a VM (docs/decisions/vm-contingent.md). Null when it is gone.
     *
     * @return array{ramMb: int, holdsVm: bool}|null
     */
    public static function holding(int $id): ?array
    {
        global $wpdb;
        $row = $wpdb->get_row($wpdb->prepare(
            'SELECT status, ram_released, memory_mb, vmid FROM ' . Tables::name(Tables::DEPLOYMENTS) . ' WHERE id = %d',
            $id
        ), ARRAY_A);
        $status = is_array($row) ? Status::tryFrom((string) $row['status']) : null;
        if ($status === null || $status === Status::DELETED) {
            return null;
        }
        $countsRam = $status->countsTowardsQuota() && (int) $row['ram_released'] === 0;
        return ['ramMb' => $countsRam ? (int) $row['memory_mb'] : 0, 'holdsVm' => $status->holdsVm($row['vmid'] !== null)];
    }

    /**
     * Gives the deployment to $to if $from still owns it and it is not gone; a hand-over also leaves
     * alone a deployment being deleted ($evenWhileDeleting is for a user leaving the site). The
     * receiver's share of it goes: an owner needs none.
     */
    public static function move(int $id, int $from, int $to, bool $evenWhileDeleting = false): bool
    {
        global $wpdb;
        $moved = $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . ' SET owner_id = %d, updated_at = %s'
            . ' WHERE id = %d AND owner_id = %d AND status NOT IN (%s, %s)',
            $to,
            Time::nowDb(),
            $id,
            $from,
            Status::DELETED->value,
            $evenWhileDeleting ? Status::DELETED->value : Status::DELETING->value
        )) === 1;
        if ($moved) {
            ShareStore::remove($id, $to);
            UsageHistory::record($id);
        }
        return $moved;
    }

    /**
     * The user's deployments that are not gone yet (a deletion in progress included), oldest first.
     *
     * @return list<array{id: int, status: string}>
     */
    public static function ownedBy(int $ownerId): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT id, status FROM ' . Tables::name(Tables::DEPLOYMENTS) . ' WHERE owner_id = %d AND status <> %s ORDER BY id',
            $ownerId,
            Status::DELETED->value
        ), ARRAY_A);
        return array_map(static fn (array $row): array => ['id' => (int) $row['id'], 'status' => (string) $row['status']], $rows ?: []);
    }

    /** The user's shares on this site go with them. */
    public static function forgetShares(int $userId): void
    {
        global $wpdb;
        $wpdb->delete(Tables::name(Tables::SHARES), ['user_id' => $userId], ['%d']);
    }
}
