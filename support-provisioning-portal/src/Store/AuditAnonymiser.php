<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * The one change the audit log allows: the privacy eraser blanks a user's login and IP address in
 * the rows, and their login wherever a row's details name it, so the log stays complete
 * (docs/decisions/privacy.md). Rows are never deleted.
 */
final class AuditAnonymiser
{
    public const BATCH = 100;

    /** @return int rows anonymised in this batch; fewer than BATCH means none are left */
    public static function batch(int $userId, string $login): int
    {
        global $wpdb;
        $table = Tables::name(Tables::AUDIT_LOGS);
        $rows = $wpdb->get_results($wpdb->prepare(
            "SELECT id, actor_id, details FROM {$table} WHERE (actor_id = %d AND (actor_login <> '' OR ip <> '')) OR details LIKE %s ORDER BY id LIMIT %d",
            $userId,
            '%' . $wpdb->esc_like((string) wp_json_encode($login)) . '%',
            self::BATCH
        ), ARRAY_A);
        foreach ($rows ?: [] as $row) {
            $details = json_decode((string) $row['details'], true);
            $fields = ['details' => (string) wp_json_encode(is_array($details) ? self::blank($details, $login) : [])];
            if ((int) $row['actor_id'] === $userId) {
                $fields += ['actor_login' => '', 'ip' => ''];
            }
            $wpdb->update($table, $fields, ['id' => (int) $row['id']]);
        }
        return count($rows ?: []);
    }

    /**
     * @param array<mixed> $details
     * @return array<mixed>
     */
    private static function blank(array $details, string $login): array
    {
        foreach ($details as $key => $value) {
            if (is_array($value)) {
                $details[$key] = self::blank($value, $login);
            } elseif ($value === $login) {
                $details[$key] = '';
            }
        }
        return $details;
    }
}
