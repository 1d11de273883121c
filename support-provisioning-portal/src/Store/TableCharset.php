<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Tells wpdb the character set of the plugin's tables and their columns, which Schema creates
 * with the connection's ($wpdb->get_charset_collate()). Without it, the first insert or update of
 * a table in each request first asks the database (SHOW FULL COLUMNS): two extra queries on every
 * create. Hooked to pre_get_table_charset and pre_get_col_charset: wpdb needs both, as the
 * table's answer alone leaves it no column information to read.
 */
final class TableCharset
{
    /** Both filters pass the value so far and the table first; the column does not matter here. */
    public static function of(mixed $charset, string $table): mixed
    {
        return $charset ?? self::known($table);
    }

    private static function known(string $table): ?string
    {
        global $wpdb;
        $name = str_starts_with($table, $wpdb->prefix) ? substr($table, strlen($wpdb->prefix)) : '';
        return in_array($name, Tables::ALL, true) ? $wpdb->charset : null;
    }
}
