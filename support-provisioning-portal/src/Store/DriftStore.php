<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Status;

/**
 * The rows the drift check compares with the cluster, and the conditional update that adopts an
 * orphan into the record whose marker it carries (docs/decisions/drift.md).
 */
final class DriftStore
{
    /**
     * Deployments at rest that hold a VM (RUNNING, STOPPED or EXPIRED, nothing in flight), with what
     * the check compares: where the VM is, its marker and its size. By id, from the one after
     * $afterId (where the last check stopped).
     *
     * @return list<array{id: int, status: Status, vmid: int, node: string, connection: string, nonce: string, memoryMb: int, cores: int}>
     */
    public static function atRest(int $afterId = 0): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT id, status, vmid, node, vm_connection, vm_marker, memory_mb, cpu_cores FROM ' . Tables::name(Tables::DEPLOYMENTS)
            . " WHERE status IN (%s, %s, %s) AND step = '' AND vmid IS NOT NULL AND id > %d ORDER BY id",
            Status::RUNNING->value,
            Status::STOPPED->value,
            Status::EXPIRED->value,
            $afterId
        ), ARRAY_A);
        return array_map(static fn (array $row): array => [
            'id' => (int) $row['id'],
            'status' => Status::from((string) $row['status']),
            'vmid' => (int) $row['vmid'],
            'node' => (string) $row['node'],
            'connection' => (string) $row['vm_connection'],
            'nonce' => (string) $row['vm_marker'],
            'memoryMb' => (int) $row['memory_mb'],
            'cores' => (int) $row['cpu_cores'],
        ], $rows);
    }

    /**
     * The records the markers name, by id.
     *
     * @param list<int> $ids
     * @return array<int, array{status: Status, step: string, nonce: string, vmid: ?int, connection: string}>
     */
    public static function markedRecords(array $ids): array
    {
        global $wpdb;
        if ($ids === []) {
            return [];
        }
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT id, status, step, vm_marker, vmid, vm_connection FROM ' . Tables::name(Tables::DEPLOYMENTS)
            . ' WHERE id IN (' . implode(',', array_fill(0, count($ids), '%d')) . ')',
            ...$ids
        ), ARRAY_A);
        $records = [];
        foreach ($rows as $row) {
            $records[(int) $row['id']] = [
                'status' => Status::from((string) $row['status']),
                'step' => (string) $row['step'],
                'nonce' => (string) $row['vm_marker'],
                'vmid' => $row['vmid'] === null ? null : (int) $row['vmid'],
                'connection' => (string) $row['vm_connection'],
            ];
        }
        return $records;
    }

    /**
     * Brings a DELETED or FAILED record back as the deployment of the VM carrying its marker, for
     * $ownerId: only if it is still in the status it was read in with nothing in flight, so of two
     * adoptions one wins. Shares of its former life go.
     *
     * @param array<string, int|string|null> $fields status, vmid, node, size, expiry
     */
    public static function revive(int $id, Status $from, string $nonce, int $ownerId, array $fields): bool
    {
        global $wpdb;
        $revived = DeploymentStore::updateMatching($id, $fields + [
            'owner_id' => $ownerId,
            'step' => '',
            'ram_released' => 0,
            'ip_addresses' => '[]',
            'last_error' => '',
            'task_upid' => '',
            'claim_token' => '',
            'attempts' => 0,
            'claimed_until' => null,
            'retry_at' => null,
            'waiting_since' => null,
            'deleted_at' => null,
        ], ['status = %s' => [$from->value], 'vm_marker = %s' => [$nonce], "step = ''" => []]);
        if ($revived) {
            $wpdb->query($wpdb->prepare('DELETE FROM ' . Tables::name(Tables::SHARES) . ' WHERE deployment_id = %d', $id));
        }
        return $revived;
    }
}
