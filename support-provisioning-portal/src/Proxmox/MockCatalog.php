<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * The QEMU templates the mock node offers: the same VMIDs as the seeded approved templates.
 */
final class MockCatalog
{
    /** @return array<int, TemplateInfo> keyed by VMID */
    public static function templates(): array
    {
        return [
            9001 => new TemplateInfo(9001, 'turnkey-pbx-template', 'l26', 2, 2048, 20),
            9002 => new TemplateInfo(9002, 'windows-11-support-template', 'win11', 4, 8192, 64),
            9003 => new TemplateInfo(9003, 'debian-utility-template', 'l26', 2, 2048, 32),
        ];
    }
}
