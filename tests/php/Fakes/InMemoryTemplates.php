<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Service\TemplateLookup;

/** Approved templates in memory, typed as TemplateStore types the table's columns. */
final class InMemoryTemplates implements TemplateLookup
{
    /** @var array<int, array<string, int|string>> */
    private array $templates = [];

    /**
     * An active template, with $columns on top.
     *
     * @param array<string, int|string> $columns
     */
    public function add(array $columns = []): int
    {
        $id = count($this->templates) + 1;
        $this->templates[$id] = $columns + [
            'id' => $id,
            'name' => 'Windows Server',
            'proxmox_vmid' => 9000,
            'node' => '',
            'os_type' => 'windows',
            'cpu_cores' => 2,
            'memory_mb' => 2048,
            'disk_gb' => 32,
            'default_ttl_hours' => 8,
            'max_ttl_hours' => 0,
            'max_lifetime_hours' => 0,
            'allow_never_expire' => 1,
            'require_ticket_ref' => 0,
            'active' => 1,
        ];
        return $id;
    }

    public function find(int $id): ?array
    {
        return $this->templates[$id] ?? null;
    }
}
