<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * For migrations that add columns: adds those a table lacks, so running the migration again
 * changes nothing.
 */
final class MissingColumns
{
    /** @param array<string, array<string, string>> $columns table => [column => SQL definition] */
    public static function add(array $columns): void
    {
        global $wpdb;
        foreach ($columns as $table => $definitions) {
            $name = Tables::name($table);
            $existing = array_map('strval', $wpdb->get_col("SHOW COLUMNS FROM {$name}"));
            foreach ($definitions as $column => $definition) {
                if (!in_array($column, $existing, true)) {
                    $wpdb->query("ALTER TABLE {$name} ADD COLUMN {$column} {$definition}");
                }
            }
        }
    }
}
