<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The noVNC console of a VM in the Proxmox web UI. The query is the one pve-manager's own
 * PVE.Utils.openVNCViewer (www/manager6/Utils.js) opens; the user signs in to Proxmox themselves.
 */
final class ProxmoxConsoleLink
{
    public static function url(string $baseUrl, string $node, int $vmid, string $vmName): ?string
    {
        // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- Domain loads no WordPress; PHP 8.1's parse_url() is what wp_parse_url() wraps
        $parts = parse_url($baseUrl);
        if (!is_array($parts) || ($parts['scheme'] ?? '') !== 'https' || !isset($parts['host'])) {
            return null;
        }
        $origin = 'https://' . $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
        return $origin . '/?' . http_build_query([
            'console' => 'kvm',
            'novnc' => 1,
            'vmid' => $vmid,
            'vmname' => $vmName,
            'node' => $node,
            'resize' => 'off',
            'cmd' => '',
        ], '', '&', PHP_QUERY_RFC3986);
    }
}
