<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Paging;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Support\Time;

/**
 * Deployment rows. Status changes are conditional updates (WHERE status IN …), so two web servers
 * or overlapping cron runs can never both make the same transition.
 */
final class DeploymentStore
{
    /** How long a claim holds without a step extending it. */
    public const CLAIM_SECONDS = 60;

    /**
     * The row and its usage stretch in one commit: creates insert under the quota lock, which
     * every other create waits for, and each commit waits for a log flush.
     *
     * @param array<string, int|string|null> $fields
     */
    public static function insert(array $fields): int
    {
        return Transaction::run(static function () use ($fields): int {
            global $wpdb;
            $now = Time::nowDb();
            $wpdb->insert(Tables::name(Tables::DEPLOYMENTS), $fields + [
                'ip_addresses' => '[]',
                'last_error' => '',
                'created_at' => $now,
                'updated_at' => $now,
            ]);
            $id = (int) $wpdb->insert_id;
            UsageHistory::started($id);
            return $id;
        });
    }

    public static function find(int $id, int $viewerId = 0): ?DeploymentRecord
    {
        global $wpdb;
        $row = $wpdb->get_row($wpdb->prepare(self::select() . ' WHERE d.id = %d', $viewerId, $id), ARRAY_A);
        return $row ? DeploymentRecord::fromRow($row) : null;
    }

    /**
     * @param array{status?: string, search?: string, ownerId?: int} $filters
     * @return array{records: list<DeploymentRecord>, total: int}
     */
    public static function listVisible(int $viewerId, bool $seesAll, array $filters, int $page, int $perPage): array
    {
        global $wpdb;
        $d = Tables::name(Tables::DEPLOYMENTS);
        $where = ['d.status <> %s'];
        $args = [Status::DELETED->value];
        if (!$seesAll) {
            // The derived table lets MariaDB materialise the user's ids once (a bare UNION in IN is
            // a dependent subquery, run for every deployment row: slow on large tables).
            $where[] = "d.id IN (SELECT id FROM (SELECT id FROM {$d} WHERE owner_id = %d UNION SELECT deployment_id FROM "
                . Tables::name(Tables::SHARES) . ' WHERE user_id = %d) AS visible)';
            array_push($args, $viewerId, $viewerId);
        }
        if (isset($filters['status'])) {
            $where[] = 'd.status = %s';
            $args[] = $filters['status'];
        }
        if (isset($filters['ownerId'])) {
            $where[] = 'd.owner_id = %d';
            $args[] = $filters['ownerId'];
        }
        if (isset($filters['search']) && $filters['search'] !== '') {
            // The case fields are searchable too: a ticket reference finds its deployments.
            $where[] = '(d.name LIKE %s OR d.ticket_ref LIKE %s OR d.customer LIKE %s OR d.purpose LIKE %s)';
            array_push($args, ...array_fill(0, 4, '%' . $wpdb->esc_like($filters['search']) . '%'));
        }
        $whereSql = ' WHERE ' . implode(' AND ', $where);
        $offset = Paging::offset($page, $perPage);
        // One row more than the page: when it does not come, the page ends the list and gives the total.
        $rows = $wpdb->get_results($wpdb->prepare(
            self::select(!$seesAll) . $whereSql . ' ORDER BY d.id DESC LIMIT %d OFFSET %d',
            $viewerId,
            ...[...$args, $perPage + 1, $offset]
        ), ARRAY_A) ?: [];
        $endsList = count($rows) <= $perPage && ($rows !== [] || $offset === 0);
        $total = $endsList ? $offset + count($rows)
            : (int) $wpdb->get_var($wpdb->prepare("SELECT COUNT(*) FROM {$d} d" . $whereSql, ...$args));
        $rows = array_slice($rows, 0, $perPage);
        return ['records' => array_map([DeploymentRecord::class, 'fromRow'], $rows), 'total' => $total];
    }

    /**
     * Per node, on one connection: the memory of the portal's VMs there that count towards the
     * quota but do not run (Proxmox's figures hold only running VMs), and how many VMs it holds.
     * Rows without a node yet belong to the configured node.
     *
     * @return array<string, array{pendingMb: int, count: int}>
     */
    public static function placedByNode(string $connection, string $configuredNode): array
    {
        global $wpdb;
        $pending = array_values(array_diff(Status::quotaStatuses(), [Status::RUNNING->value]));
        $holding = [Status::PROVISIONING->value, Status::STOPPED->value, Status::RUNNING->value, Status::EXPIRED->value, Status::DELETING->value];
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT node, SUM(CASE WHEN status IN (' . implode(',', array_fill(0, count($pending), '%s')) . ') AND ram_released = 0'
                . ' THEN memory_mb ELSE 0 END) AS pending_mb, COUNT(*) AS vms FROM ' . Tables::name(Tables::DEPLOYMENTS)
                . ' WHERE status IN (' . implode(',', array_fill(0, count($holding), '%s')) . ") AND vm_connection IN ('', %s) GROUP BY node",
            ...[...$pending, ...$holding, $connection]
        ), ARRAY_A);
        $placed = [];
        foreach ($rows as $row) {
            $node = $row['node'] !== '' ? (string) $row['node'] : $configuredNode;
            $placed[$node] = [
                'pendingMb' => ($placed[$node]['pendingMb'] ?? 0) + (int) $row['pending_mb'],
                'count' => ($placed[$node]['count'] ?? 0) + (int) $row['vms'],
            ];
        }
        return $placed;
    }

    /**
     * The owner's RAM that counts towards quotas (a deletion that started from a status holding no
     * RAM, ram_released, does not bring it back), and the owner's deployments that hold a VM on
     * Proxmox or are about to ({@see Status::holdsVm()}), in one read of the owner's rows.
     *
     * @return array{int, int} RAM in MB, deployments holding a VM
     */
    public static function ownerUsage(int $ownerId): array
    {
        global $wpdb;
        [$sql, $args] = self::ownerUsageQuery($ownerId);
        $row = $wpdb->get_row($wpdb->prepare($sql, ...$args), ARRAY_A);
        return [(int) ($row['mb'] ?? 0), (int) ($row['vms'] ?? 0)];
    }

    /**
     * ownerUsage() and the RAM of everyone's deployments that count towards quotas, in one statement:
     * one round trip for GET quota and under the quota lock of every create.
     *
     * @return array{int, int, int} the owner's RAM in MB, the owner's deployments holding a VM, everyone's RAM in MB
     */
    public static function ownerAndSiteUsage(int $ownerId): array
    {
        global $wpdb;
        [$owner, $ownerArgs] = self::ownerUsageQuery($ownerId);
        [$quota, $quotaArgs] = self::countsTowardsQuota();
        $row = $wpdb->get_row($wpdb->prepare(
            "SELECT o.mb, o.vms, s.mb AS site_mb FROM ({$owner}) o CROSS JOIN"
            . ' (SELECT COALESCE(SUM(memory_mb), 0) AS mb FROM ' . Tables::name(Tables::DEPLOYMENTS) . " WHERE {$quota}) s",
            ...[...$ownerArgs, ...$quotaArgs]
        ), ARRAY_A);
        return [(int) ($row['mb'] ?? 0), (int) ($row['vms'] ?? 0), (int) ($row['site_mb'] ?? 0)];
    }

    /** @return array{string, list<int|string>} the owner's RAM (mb) and VMs held (vms), with its arguments */
    private static function ownerUsageQuery(int $ownerId): array
    {
        [$quota, $quotaArgs] = self::countsTowardsQuota();
        [$vms, $vmArgs] = self::holdsVm();
        return [
            "SELECT COALESCE(SUM(CASE WHEN {$quota} THEN memory_mb END), 0) AS mb, COUNT(CASE WHEN {$vms} THEN 1 END) AS vms FROM "
                . Tables::name(Tables::DEPLOYMENTS) . ' WHERE owner_id = %d AND status <> %s',
            [...$quotaArgs, ...$vmArgs, $ownerId, Status::DELETED->value],
        ];
    }

    /** @return array{string, list<string>} the SQL condition of RAM counted towards the quota, and its arguments */
    public static function countsTowardsQuota(): array
    {
        $statuses = Status::quotaStatuses();
        return ['status IN (' . implode(',', array_fill(0, count($statuses), '%s')) . ') AND ram_released = 0', $statuses];
    }

    /** @return array{string, list<string>} the SQL condition of a deployment holding a VM, and its arguments */
    public static function holdsVm(): array
    {
        $always = array_values(array_map(
            static fn (Status $s): string => $s->value,
            array_filter(Status::cases(), static fn (Status $s): bool => $s->holdsVm(false))
        ));
        $placeholders = implode(',', array_fill(0, count($always), '%s'));
        return ["(status IN ({$placeholders}) OR (status = %s AND vmid IS NOT NULL))", [...$always, Status::FAILED->value]];
    }

    /**
     * Moves a deployment to $to only if it is still in one of $from.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public static function transition(int $id, array $from, Status $to, array $fields = []): bool
    {
        return self::updateWhere($id, $from, ['status' => $to->value] + $fields);
    }

    /**
     * Updates fields only while the deployment is in one of $from.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public static function updateWhere(int $id, array $from, array $fields): bool
    {
        $statuses = array_map(static fn (Status $s): string => $s->value, $from);
        return self::updateMatching($id, $fields, [
            'status IN (' . implode(',', array_fill(0, count($statuses), '%s')) . ')' => $statuses,
        ]);
    }

    /**
     * Starts background work ($step) on a deployment in one of $from that has none in flight: of
     * two requests, one wins.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public static function beginStep(int $id, array $from, string $step, array $fields): bool
    {
        $statuses = array_map(static fn (Status $s): string => $s->value, $from);
        return self::updateMatching($id, ['step' => $step] + $fields, [
            'status IN (' . implode(',', array_fill(0, count($statuses), '%s')) . ')' => $statuses,
            "step = ''" => [],
        ]);
    }

    /**
     * Updates fields only while every condition holds: the conditional update the other changes build on.
     *
     * @param array<string, int|string|null> $fields
     * @param array<string, list<int|string>> $conditions SQL with placeholders => their values
     */
    public static function updateMatching(int $id, array $fields, array $conditions): bool
    {
        global $wpdb;
        $fields['updated_at'] ??= Time::nowDb();
        $set = [];
        $args = [];
        foreach ($fields as $column => $value) {
            $set[] = $value === null ? "{$column} = NULL" : "{$column} = " . (is_int($value) ? '%d' : '%s');
            if ($value !== null) {
                $args[] = $value;
            }
        }
        $args[] = $id;
        foreach ($conditions as $values) {
            array_push($args, ...$values);
        }
        $changed = $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . ' SET ' . implode(', ', $set)
            . ' WHERE id = %d AND ' . implode(' AND ', array_keys($conditions)),
            ...$args
        )) === 1;
        if ($changed && UsageHistory::concerns($fields)) {
            UsageHistory::record($id);
        }
        return $changed;
    }

    /** STOPPED/RUNNING → EXPIRED with the given next step, only if its expiry has really passed (a prolong may have won). */
    public static function expireIfDue(int $id, string $now, string $step): bool
    {
        global $wpdb;
        $expired = $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . ' SET status = %s, step = %s, updated_at = %s'
            . ' WHERE id = %d AND status IN (%s, %s) AND never_expire = 0 AND expires_at <= %s',
            Status::EXPIRED->value,
            $step,
            $now,
            $id,
            Status::STOPPED->value,
            Status::RUNNING->value,
            $now
        )) === 1;
        if ($expired) {
            UsageHistory::record($id);
        }
        return $expired;
    }

    /**
     * Sets a new expiry only if the status and the expiry are still what the caller read, so two
     * concurrent prolongs cannot both build on the same old expiry.
     *
     * @param list<Status> $from
     * @param array<string, int|string|null> $fields
     */
    public static function reExpire(int $id, array $from, ?string $expectedExpiresAt, string $expiresAt, array $fields = []): bool
    {
        global $wpdb;
        $statuses = array_map(static fn (Status $s): string => $s->value, $from);
        $placeholders = implode(',', array_fill(0, count($statuses), '%s'));
        $set = ['expires_at = %s', 'updated_at = %s'];
        $args = [$expiresAt, Time::nowDb()];
        foreach ($fields as $column => $value) {
            $set[] = is_int($value) ? "{$column} = %d" : "{$column} = %s";
            $args[] = $value;
        }
        $sameExpiry = $expectedExpiresAt === null ? 'expires_at IS NULL' : 'expires_at = %s';
        $changed = $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . ' SET ' . implode(', ', $set)
            . " WHERE id = %d AND status IN ({$placeholders}) AND {$sameExpiry}",
            ...[...$args, $id, ...$statuses, ...($expectedExpiresAt === null ? [] : [$expectedExpiresAt])]
        )) === 1;
        if ($changed && UsageHistory::concerns($fields)) {
            UsageHistory::record($id);
        }
        return $changed;
    }

    /**
     * Takes the deployment for one step (CLAIM_SECONDS) unless another worker holds it or it waits
     * for a retry time (a lock held on Proxmox).
     */
    public static function claim(int $id, ?\DateTimeImmutable $now = null): ?Claim
    {
        global $wpdb;
        $now ??= Time::now();
        $token = bin2hex(random_bytes(16));
        $taken = $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . ' SET claimed_until = %s, claim_token = %s'
            . ' WHERE id = %d AND (claimed_until IS NULL OR claimed_until < %s) AND (retry_at IS NULL OR retry_at <= %s)',
            Time::toDb($now->modify('+' . self::CLAIM_SECONDS . ' seconds')),
            $token,
            $id,
            Time::toDb($now),
            Time::toDb($now)
        )) === 1;
        return $taken ? new Claim($id, $token) : null;
    }

    /**
     * Updates fields while the claim is held and the deployment is still in the status and step the
     * worker read, and extends the claim for the next step.
     *
     * @param array<string, int|string|null> $fields
     */
    public static function updateClaimed(Claim $claim, Status $status, string $step, array $fields, ?\DateTimeImmutable $now = null): bool
    {
        $now ??= Time::now();
        $fields['claimed_until'] = Time::toDb($now->modify('+' . self::CLAIM_SECONDS . ' seconds'));
        $fields['updated_at'] = Time::toDb($now);
        return self::updateMatching($claim->deploymentId, $fields, [
            'status IN (%s)' => [$status->value],
            'step = %s' => [$step],
            'claim_token = %s' => [$claim->token],
        ]);
    }

    /** Ends the claim, unless it was lost to another worker meanwhile. */
    public static function release(Claim $claim): void
    {
        global $wpdb;
        $wpdb->query($wpdb->prepare(
            'UPDATE ' . Tables::name(Tables::DEPLOYMENTS) . " SET claimed_until = NULL, claim_token = '' WHERE id = %d AND claim_token = %s",
            $claim->deploymentId,
            $claim->token
        ));
    }

    /** @return list<int> deployments with a step in flight, oldest first */
    public static function pendingIds(int $limit): array
    {
        global $wpdb;
        return array_map('intval', $wpdb->get_col($wpdb->prepare(
            'SELECT id FROM ' . Tables::name(Tables::DEPLOYMENTS) . " WHERE step <> '' AND status <> %s ORDER BY updated_at, id LIMIT %d",
            Status::DELETED->value,
            $limit
        )));
    }

    /** @return list<int> running or stopped deployments whose time is up */
    public static function dueIds(\DateTimeImmutable $now, int $limit): array
    {
        global $wpdb;
        return array_map('intval', $wpdb->get_col($wpdb->prepare(
            'SELECT id FROM ' . Tables::name(Tables::DEPLOYMENTS)
            . ' WHERE status IN (%s, %s) AND never_expire = 0 AND expires_at <= %s ORDER BY expires_at LIMIT %d',
            Status::STOPPED->value,
            Status::RUNNING->value,
            Time::toDb($now),
            $limit
        )));
    }

    /** The row with its template and owner; its one placeholder is the viewer's id. */
    private static function select(bool $ownAndSharedOnly = false): string
    {
        global $wpdb;
        $sharedWithViewer = $ownAndSharedOnly
            // What is not the viewer's own is in such a list because it is shared with them (a
            // hand-over removes the receiver's share): no subquery for every row.
            ? 'd.owner_id <> %d'
            : 'EXISTS (SELECT 1 FROM ' . Tables::name(Tables::SHARES) . ' s WHERE s.deployment_id = d.id AND s.user_id = %d)';
        return 'SELECT d.*, t.name AS template_name, t.os_type AS template_os_type, t.proxmox_vmid AS template_vmid,'
            . ' t.max_ttl_hours AS template_max_ttl_hours, t.start_after_create AS template_start_after_create,'
            . ' t.connection_profile AS template_connection_profile, t.require_ticket_ref AS template_require_ticket_ref,'
            . ' t.baseline_snapshot AS template_baseline_snapshot,'
            . ' t.max_lifetime_hours AS template_max_lifetime_hours, t.allow_never_expire AS template_allow_never_expire,'
            . ' u.user_login AS owner_login, u.display_name AS owner_name,'
            . " {$sharedWithViewer} AS shared_with_viewer"
            . ' FROM ' . Tables::name(Tables::DEPLOYMENTS) . ' d'
            . ' LEFT JOIN ' . Tables::name(Tables::TEMPLATES) . ' t ON t.id = d.template_id'
            . " LEFT JOIN {$wpdb->users} u ON u.ID = d.owner_id";
    }
}
