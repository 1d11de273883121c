<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Paging;
use SupportProvisioningPortal\Plugin;
use SupportProvisioningPortal\Support\Time;

/**
 * The append-only audit log: rows are inserted and read, never updated or deleted.
 */
final class AuditLogStore
{
    /** Fired with the entry after each row is written (Mail\Notifications listens). */
    public const RECORDED_HOOK = Plugin::AUDIT_RECORDED_HOOK;

    /**
     * @param array{actorId: int, actorLogin: string, action: string, objectType: string,
     *     objectId: string, deploymentId: ?int, result: string, details: array<string, mixed>, ip: string} $entry
     */
    public static function insert(array $entry): void
    {
        global $wpdb;
        $wpdb->insert(Tables::name(Tables::AUDIT_LOGS), [
            'created_at' => Time::nowDb(),
            'actor_id' => $entry['actorId'],
            'actor_login' => substr($entry['actorLogin'], 0, 60),
            'action' => $entry['action'],
            'object_type' => $entry['objectType'],
            'object_id' => substr($entry['objectId'], 0, 64),
            'deployment_id' => $entry['deploymentId'],
            'result' => $entry['result'],
            'details' => (string) wp_json_encode($entry['details']),
            'ip' => substr($entry['ip'], 0, 45),
        ]);
        do_action(self::RECORDED_HOOK, $entry);
    }

    /**
     * @param array{actorId?: int, actorLogin?: string, action?: string, deploymentId?: int, after?: string,
     *     before?: string} $filters
     *     after/before are database DATETIMEs (UTC)
     * @return array{rows: list<array<string, mixed>>, total: int}
     */
    public static function find(array $filters, int $page, int $perPage): array
    {
        global $wpdb;
        $table = Tables::name(Tables::AUDIT_LOGS);
        $where = ['1=1'];
        $args = [];
        $conditions = [
            'actorId' => 'a.actor_id = %d',
            'actorLogin' => 'a.actor_login = %s',
            'action' => 'a.action = %s',
            'deploymentId' => 'a.deployment_id = %d',
            'after' => 'a.created_at >= %s',
            'before' => 'a.created_at < %s',
        ];
        foreach ($conditions as $key => $sql) {
            if (isset($filters[$key])) {
                $where[] = $sql;
                $args[] = $filters[$key];
            }
        }
        $whereSql = implode(' AND ', $where);
        $count = "SELECT COUNT(*) FROM {$table} a WHERE {$whereSql}";
        $total = (int) $wpdb->get_var($args === [] ? $count : $wpdb->prepare($count, ...$args));
        // The deployment's name (also once deleted: its row stays) makes the log readable.
        $deployments = Tables::name(Tables::DEPLOYMENTS);
        $select = "SELECT a.*, d.name AS deployment_name FROM {$table} a LEFT JOIN {$deployments} d ON d.id = a.deployment_id"
            . " WHERE {$whereSql} ORDER BY a.id DESC LIMIT %d OFFSET %d";
        $rows = $wpdb->get_results($wpdb->prepare($select, ...[...$args, $perPage, Paging::offset($page, $perPage)]), ARRAY_A);
        return ['rows' => $rows ?: [], 'total' => $total];
    }
}
