<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Tells wpdb the character set of the plugin's tables, which Schema creates with the connection's
 * ($wpdb->get_charset_collate()). Without it, the first insert or update of a table in each
 * request first asks the database (SHOW FULL COLUMNS): two extra queries on every create.
 * Hooked to pre_get_table_charset.
 */
final class TableCharset
{
    public static function of(mixed $charset, string $table): mixed
    {
        global $wpdb;
        $name = str_starts_with($table, $wpdb->prefix) ? substr($table, strlen($wpdb->prefix)) : '';
        return $charset === null && in_array($name, Tables::ALL, true) ? $wpdb->charset : $charset;
    }
}
