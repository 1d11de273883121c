<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * The custom CA certificate as a file, because cURL only reads CAs from files. The setting in the
 * database stays the source of truth: each web server writes its own copy to the system temp
 * folder on first use, named by the PEM's hash, so a changed CA gets a new file and nothing
 * needs to be shared between servers.
 */
final class CaFile
{
    /** The file to trust, or null when no CA certificate is configured (the system CAs apply). */
    public static function path(string $pem): ?string
    {
        if (trim($pem) === '') {
            return null;
        }
        $path = sys_get_temp_dir() . '/spp-proxmox-ca-' . hash('sha256', $pem) . '.pem';
        if (is_file($path) && hash_file('sha256', $path) === hash('sha256', $pem)) {
            return $path;
        }
        $partial = tempnam(sys_get_temp_dir(), 'spp-ca-');
        // A CA certificate is public: readable by every PHP user (CLI cron and web server alike).
        $written = $partial !== false && file_put_contents($partial, $pem) === strlen($pem) && chmod($partial, 0644);
        if (!$written || !rename($partial, $path)) {
            if ($partial !== false) {
                @unlink($partial);
            }
            throw new ProxmoxError(sprintf(
                __(
                    /* translators: %s: a folder path */
                    'TLS error talking to Proxmox: the CA certificate could not be written to %s.',
                    'support-provisioning-portal'
                ),
                sys_get_temp_dir()
            ), ProxmoxError::TLS_FAILED);
        }
        return $path;
    }
}
