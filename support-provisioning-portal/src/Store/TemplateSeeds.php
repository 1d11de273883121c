<?php

declare(strict_types=1);

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; table names come from Tables (constants), every value goes through $wpdb->prepare() (WordPress 6.1 has no %i)

namespace SupportProvisioningPortal\Store;

/**
 * The three approved templates every new site starts with. Inserted once: a seed whose
 * Proxmox VMID already has a template row (active or retired) is left alone.
 */
final class TemplateSeeds
{
    /** @return list<array<string, string|int>> */
    public static function rows(): array
    {
        return [
            [
                'name' => 'Turnkey PBX Test Appliance',
                'description' => 'Turnkey Linux PBX appliance for reproducing telephony issues.',
                'os_type' => 'l26',
                'proxmox_vmid' => 9001,
                'cpu_cores' => 2,
                'memory_mb' => 2048,
                'disk_gb' => 20,
                'default_ttl_hours' => 72,
                'max_ttl_hours' => 720,
            ],
            [
                'name' => 'Windows Support Client',
                'description' => 'Windows 11 desktop for testing customer-side clients.',
                'os_type' => 'win11',
                'proxmox_vmid' => 9002,
                'cpu_cores' => 4,
                'memory_mb' => 8192,
                'disk_gb' => 64,
                'default_ttl_hours' => 24,
                'max_ttl_hours' => 168,
            ],
            [
                'name' => 'Linux Utility VM',
                'description' => 'Debian utility VM with common network and debugging tools.',
                'os_type' => 'l26',
                'proxmox_vmid' => 9003,
                'cpu_cores' => 2,
                'memory_mb' => 2048,
                'disk_gb' => 32,
                'default_ttl_hours' => 48,
                'max_ttl_hours' => 720,
            ],
        ];
    }

    public static function insertMissing(): void
    {
        global $wpdb;
        $table = Tables::name(Tables::TEMPLATES);
        $now = gmdate('Y-m-d H:i:s');
        foreach (self::rows() as $row) {
            $exists = $wpdb->get_var($wpdb->prepare(
                "SELECT id FROM {$table} WHERE proxmox_vmid = %d LIMIT 1",
                $row['proxmox_vmid']
            ));
            if ($exists !== null) {
                continue;
            }
            $wpdb->insert($table, $row + ['active' => 1, 'created_at' => $now, 'updated_at' => $now]);
        }
    }
}
