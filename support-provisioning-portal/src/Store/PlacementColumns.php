<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

/**
 * Migration: templates get their clone mode, where their copies are and what their storage
 * allows; deployments the record of where they were placed and why
 * (docs/decisions/placement.md).
 */
final class PlacementColumns
{
    private const COLUMNS = [
        Tables::TEMPLATES => [
            'clone_mode' => "varchar(8) NOT NULL DEFAULT 'full'",
            'node_copies' => 'text NULL',
            'shared_storage' => 'tinyint(1) NOT NULL DEFAULT 0',
            'linked_clone' => 'tinyint(1) NOT NULL DEFAULT 0',
        ],
        Tables::DEPLOYMENTS => [
            'placement' => 'text NULL',
        ],
    ];

    public static function add(): void
    {
        global $wpdb;
        MissingColumns::add(self::COLUMNS);
        // Placement sums the portal's VMs per node (DeploymentStore::placedByNode) from this index alone.
        $table = Tables::name(Tables::DEPLOYMENTS);
        if ($wpdb->get_var($wpdb->prepare("SHOW INDEX FROM {$table} WHERE Key_name = %s", 'status_node')) === null) {
            $wpdb->query("ALTER TABLE {$table} ADD KEY status_node (status, vm_connection, node, ram_released, memory_mb)");
        }
    }
}
