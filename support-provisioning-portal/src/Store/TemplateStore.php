<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Support\Time;

/**
 * Approved template rows. Rows are never deleted: retiring clears `active`, so deployments keep
 * their template. Rows come back as column => value with the numeric columns as ints.
 */
final class TemplateStore
{
    /** The policy fields of a template as the REST API names them => their columns. */
    public const FIELDS = [
        'name' => 'name',
        'description' => 'description',
        'osType' => 'os_type',
        'proxmoxVmid' => 'proxmox_vmid',
        'node' => 'node',
        'cpuCores' => 'cpu_cores',
        'memoryMb' => 'memory_mb',
        'diskGb' => 'disk_gb',
        'defaultTtlHours' => 'default_ttl_hours',
        'maxTtlHours' => 'max_ttl_hours',
        'startAfterCreate' => 'start_after_create',
        'requireTicketRef' => 'require_ticket_ref',
        'baselineSnapshot' => 'baseline_snapshot',
        'maxLifetimeHours' => 'max_lifetime_hours',
        'allowNeverExpire' => 'allow_never_expire',
        'autoStopTime' => 'auto_stop_time',
        'autoStopDays' => 'auto_stop_days',
        'active' => 'active',
        'cloneMode' => 'clone_mode',
        'sharedStorage' => 'shared_storage',
        'linkedClone' => 'linked_clone',
    ];

    public const INT_COLUMNS = [
        'id', 'proxmox_vmid', 'cpu_cores', 'memory_mb', 'disk_gb',
        'default_ttl_hours', 'max_ttl_hours', 'start_after_create', 'require_ticket_ref', 'baseline_snapshot', 'active',
        'max_lifetime_hours', 'allow_never_expire',
        'shared_storage', 'linked_clone',
    ];

    /** @return array<string, int|string>|null active or retired */
    public static function find(int $id): ?array
    {
        global $wpdb;
        $row = $wpdb->get_row($wpdb->prepare('SELECT * FROM ' . self::table() . ' WHERE id = %d', $id), ARRAY_A);
        return is_array($row) ? self::typed($row) : null;
    }

    /** @return list<array<string, int|string>> ordered by name */
    public static function all(bool $includeInactive): array
    {
        global $wpdb;
        $where = $includeInactive ? '' : ' WHERE active = 1';
        $rows = $wpdb->get_results('SELECT * FROM ' . self::table() . $where . ' ORDER BY name, id', ARRAY_A);
        return array_values(array_map([self::class, 'typed'], is_array($rows) ? $rows : []));
    }

    /**
     * The row approving a Proxmox VMID on a node ('' rows live on the configured node): the
     * active one if there is one, else the latest retired one.
     *
     * @return array<string, int|string>|null
     */
    public static function findByVmid(int $vmid, string $node): ?array
    {
        global $wpdb;
        $row = $wpdb->get_row($wpdb->prepare(
            'SELECT * FROM ' . self::table()
                . " WHERE proxmox_vmid = %d AND node IN ('', %s) ORDER BY active DESC, id DESC LIMIT 1",
            $vmid,
            $node
        ), ARRAY_A);
        return is_array($row) ? self::typed($row) : null;
    }

    /** @param array<string, int|string> $fields columns */
    public static function insert(array $fields): int
    {
        global $wpdb;
        $now = Time::nowDb();
        $wpdb->insert(self::table(), $fields + ['active' => 1, 'created_at' => $now, 'updated_at' => $now]);
        return (int) $wpdb->insert_id;
    }

    /**
     * @param array<string, int|string> $fields columns
     * @return bool false when there is no such template
     */
    public static function update(int $id, array $fields): bool
    {
        global $wpdb;
        $changed = $wpdb->update(self::table(), $fields + ['updated_at' => Time::nowDb()], ['id' => $id]);
        // MySQL counts changed rows only, so 0 can also mean "same values in the same second".
        return $changed > 0 || ($changed === 0 && self::find($id) !== null);
    }

    /** Soft delete: the row stays for the deployments that reference it. False when there is no such template. */
    public static function retire(int $id): bool
    {
        return self::update($id, ['active' => 0]);
    }

    private static function table(): string
    {
        return Tables::name(Tables::TEMPLATES);
    }

    /**
     * @param array<string, mixed> $row
     * @return array<string, int|string>
     */
    private static function typed(array $row): array
    {
        foreach ($row as $column => $value) {
            $row[$column] = in_array($column, self::INT_COLUMNS, true) ? (int) $value : (string) $value;
        }
        return $row;
    }
}
