<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Support\Time;

/**
 * Writes the usage history at every change of what a deployment holds (status, RAM released,
 * owner, memory, VMID): the stretch that ran until now ends, and a new one starts when the
 * deployment now holds RAM or a VM. DeploymentStore and OwnershipStore call it after each such
 * update that took effect, so no caller has to remember it. Stretches are never deleted and, once
 * ended, never changed (docs/decisions/usage-report.md).
 */
final class UsageHistory
{
    /**
     * The longest an ended stretch may be: a longer one is stored as pieces of this length, so
     * a report reads ended stretches that started at most this long before its period.
     */
    public const MAX_STRETCH_SECONDS = 7 * 86400;

    /** Deployment columns whose change may change what the deployment holds, or whose it is. */
    private const TRACKED = ['status', 'ram_released', 'owner_id', 'memory_mb', 'vmid'];

    /** @param array<string, mixed> $fields the columns an update wrote */
    public static function concerns(array $fields): bool
    {
        return array_intersect(self::TRACKED, array_keys($fields)) !== [];
    }

    /**
     * Ends the deployment's open stretch and opens one with its state now. Of two servers recording
     * the same deployment at once, the unique open_deployment key lets one open a stretch; the other
     * ends it and opens its own (each reads the row as it is then, so the last one wins).
     */
    public static function record(int $deploymentId): void
    {
        for ($attempt = 0; $attempt < 3; $attempt++) {
            $now = Time::now();
            self::end($deploymentId, $now);
            if (self::open(Time::toDb($now), $deploymentId) === 1 || !self::hasOpen($deploymentId)) {
                return;
            }
        }
    }

    /**
     * Opens the first stretch of a deployment just inserted: with no stretch to end, record()'s
     * insert alone (a create runs it under the quota lock: one statement less there).
     */
    public static function started(int $deploymentId): void
    {
        self::open(Time::nowDb(), $deploymentId);
    }

    /**
     * Ends the open stretch at $now, as pieces of at most MAX_STRETCH_SECONDS: the stretch itself
     * becomes the first piece, copies of it the others. Only the server whose update ended it
     * writes the pieces.
     */
    private static function end(int $deploymentId, \DateTimeImmutable $now): void
    {
        global $wpdb;
        $table = Tables::name(Tables::USAGE_HISTORY);
        $open = $wpdb->get_row($wpdb->prepare("SELECT id, started_at FROM {$table} WHERE open_deployment = %d", $deploymentId), ARRAY_A);
        $start = is_array($open) ? Time::fromDb((string) $open['started_at']) : null;
        if ($start === null) {
            return;
        }
        $pieceEnd = static fn (\DateTimeImmutable $from): \DateTimeImmutable => min($now, $from->modify('+' . self::MAX_STRETCH_SECONDS . ' seconds'));
        $ended = $wpdb->query($wpdb->prepare(
            "UPDATE {$table} SET ended_at = %s, open_deployment = NULL WHERE id = %d AND open_deployment = %d",
            Time::toDb(max($start, $pieceEnd($start))),
            (int) $open['id'],
            $deploymentId
        )) === 1;
        for ($from = $pieceEnd($start); $ended && $from < $now; $from = $pieceEnd($from)) {
            $wpdb->query($wpdb->prepare(
                "INSERT INTO {$table} (deployment_id, owner_id, owner_login, template_id, status, ram_mb, holds_vm, started_at, ended_at)"
                . " SELECT deployment_id, owner_id, owner_login, template_id, status, ram_mb, holds_vm, %s, %s FROM {$table} WHERE id = %d",
                Time::toDb($from),
                Time::toDb($pieceEnd($from)),
                (int) $open['id']
            ));
        }
    }

    /** Opens a stretch for every deployment that holds RAM or a VM and has none (the migration). */
    public static function openMissing(): void
    {
        self::open(Time::nowDb(), null);
    }

    /** @return int stretches opened: for one deployment (0 when it holds nothing or has one open), or for all */
    private static function open(string $now, ?int $deploymentId): int
    {
        global $wpdb;
        [$ram, $ramArgs] = DeploymentStore::countsTowardsQuota();
        [$vm, $vmArgs] = DeploymentStore::holdsVm();
        $history = Tables::name(Tables::USAGE_HISTORY);
        $sql = "INSERT IGNORE INTO {$history} (deployment_id, owner_id, owner_login, template_id, status, ram_mb, holds_vm, started_at, open_deployment)"
            . " SELECT d.id, d.owner_id, COALESCE(u.user_login, ''), d.template_id, d.status,"
            . " CASE WHEN {$ram} THEN d.memory_mb ELSE 0 END, CASE WHEN {$vm} THEN 1 ELSE 0 END, %s, d.id"
            . ' FROM ' . Tables::name(Tables::DEPLOYMENTS) . " d LEFT JOIN {$wpdb->users} u ON u.ID = d.owner_id"
            . " WHERE (({$ram}) OR {$vm})";
        $args = [...$ramArgs, ...$vmArgs, $now, ...$ramArgs, ...$vmArgs];
        if ($deploymentId !== null) {
            $sql .= ' AND d.id = %d';
            $args[] = $deploymentId;
        }
        return (int) $wpdb->query($wpdb->prepare($sql, ...$args));
    }

    private static function hasOpen(int $deploymentId): bool
    {
        global $wpdb;
        return $wpdb->get_var($wpdb->prepare(
            'SELECT 1 FROM ' . Tables::name(Tables::USAGE_HISTORY) . ' WHERE open_deployment = %d',
            $deploymentId
        )) !== null;
    }

    /**
     * The privacy eraser: blanks the login recorded for the user's stretches (the owner id stays,
     * a number that names nobody once the account is deleted). The report then shows "User #ID".
     *
     * @return int stretches changed
     */
    public static function forgetLogin(int $ownerId): int
    {
        global $wpdb;
        return (int) $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::USAGE_HISTORY) . " SET owner_login = '' WHERE owner_id = %d AND owner_login <> ''",
            $ownerId
        ));
    }
}
