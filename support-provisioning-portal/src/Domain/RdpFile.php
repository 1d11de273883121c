<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The `.rdp` file for one RDP entry and address. Only the address, the user name hint and a
 * credentials prompt go in: the values are validated, so no other setting can be smuggled in.
 */
final class RdpFile
{
    public const CONTENT_TYPE = 'application/x-rdp';

    /** @param array<string, string|int> $entry an RDP entry of a ConnectionProfile */
    public static function content(array $entry, string $address): string
    {
        $lines = ['full address:s:' . ConnectionKit::host($address) . ':' . (int) $entry['port']];
        if ($entry['user'] !== '') {
            $lines[] = 'username:s:' . $entry['user'];
        }
        $lines[] = 'prompt for credentials:i:1';
        return implode("\r\n", $lines) . "\r\n";
    }

    public static function fileName(int $deploymentId, string $deploymentName): string
    {
        // ASCII letters and digits only: the name goes into a header and a file system.
        $slug = trim((string) preg_replace('/[^a-z0-9]+/', '-', strtolower($deploymentName)), '-');
        return substr("deployment-{$deploymentId}" . ($slug === '' ? '' : "-{$slug}"), 0, 80) . '.rdp';
    }
}
