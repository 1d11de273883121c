<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ConnectionCheck;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Settings\SettingsStore;

/**
 * Reads, validates and saves the portal settings, and tests a Proxmox connection with them.
 * The token secret is write-only: it goes in, sealed, and never comes back out.
 */
final class SettingsService
{
    private const SECRET_FIELD = 'tokenSecret';

    /** Proxmox API token id: user@realm!tokenname; the user part may itself hold an "@". */
    private const TOKEN_ID_PATTERN = '~^[^\s:/!]+@[A-Za-z][A-Za-z0-9._-]+![A-Za-z][A-Za-z0-9._-]+$~';

    /** Proxmox node names are DNS host labels. */
    private const NODE_PATTERN = '~^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$~';

    private const PEM_BLOCK = '~-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----~';

    /** @return array<string, mixed> what GET settings answers */
    public static function view(): array
    {
        return self::current() + [
            'tokenSecretSet' => SettingsStore::tokenSecretSet(),
            'tokenSecretFromConstant' => SettingsStore::tokenSecretFromConstant(),
        ];
    }

    /**
     * Applies a partial update. Absent fields, and an empty token secret, keep what is stored.
     *
     * @param array<string, mixed> $input
     * @return array{changed: list<string>, tokenSecretChanged: bool}|\WP_Error
     */
    public static function update(array $input): array|\WP_Error
    {
        $current = self::current();
        $next = self::merge($current, $input);
        $invalid = self::validate($next);
        if ($invalid !== []) {
            return self::invalid($invalid);
        }
        $changed = array_keys(array_filter(
            $next,
            static fn (mixed $value, string $field): bool => $value !== $current[$field],
            ARRAY_FILTER_USE_BOTH
        ));
        SettingsStore::update($next);
        SettingsStore::setDeleteDataOnUninstall($next['deleteDataOnUninstall']);
        $secret = self::postedSecret($input);
        if ($secret !== '') {
            SettingsStore::setTokenSecret($secret);
        }
        ClientFactory::reset();
        return ['changed' => $changed, 'tokenSecretChanged' => $secret !== ''];
    }

    /**
     * Tests the saved settings, with any posted fields laid over them (nothing is stored).
     *
     * @param array<string, mixed> $input
     * @return array{ok: bool, checks: list<array{name: string, ok: bool, message: string}>}|\WP_Error
     */
    public static function testConnection(array $input): array|\WP_Error
    {
        $settings = self::merge(self::current(), $input);
        $invalid = self::validate($settings);
        if ($invalid !== []) {
            return self::invalid($invalid);
        }
        $secret = self::postedSecret($input);
        try {
            $secret = $secret !== '' ? $secret : SettingsStore::tokenSecret();
            $checks = ClientFactory::fromSettings($settings, $secret)->testConnection();
        } catch (ProxmoxError $error) {
            $checks = [new ConnectionCheck('connection', false, $error->getMessage())];
        }
        $failed = array_filter($checks, static fn (ConnectionCheck $check): bool => !$check->ok);
        return [
            'ok' => $checks !== [] && $failed === [],
            'checks' => array_map(static fn (ConnectionCheck $check): array => $check->toArray(), $checks),
        ];
    }

    /**
     * @return array{mode: string, baseUrl: string, tokenId: string, node: string, caCertificate: string,
     *     defaultUserRamLimitMb: int, globalRamLimitMb: int, deleteDataOnUninstall: bool}
     */
    private static function current(): array
    {
        return SettingsStore::all() + ['deleteDataOnUninstall' => SettingsStore::deleteDataOnUninstall()];
    }

    /**
     * @param array<string, mixed> $current
     * @param array<string, mixed> $input
     * @return array<string, mixed>
     */
    private static function merge(array $current, array $input): array
    {
        foreach (array_intersect_key($input, $current) as $field => $value) {
            $current[$field] = match (true) {
                is_int($current[$field]) => (int) $value,
                is_bool($current[$field]) => (bool) $value,
                $field === 'baseUrl' => rtrim(trim((string) $value), '/'),
                default => trim((string) $value),
            };
        }
        return $current;
    }

    /** @param array<string, mixed> $input */
    private static function postedSecret(array $input): string
    {
        return trim((string) ($input[self::SECRET_FIELD] ?? ''));
    }

    /**
     * Checks the merged settings as a whole, so a rule spanning fields (HTTPS in HTTP mode) holds
     * whichever of them the request changed.
     *
     * @param array<string, mixed> $settings
     * @return array<string, string> field => message
     */
    private static function validate(array $settings): array
    {
        $errors = [];
        $url = $settings['baseUrl'];
        $scheme = strtolower((string) parse_url($url, PHP_URL_SCHEME));
        if ($url !== '' && (!in_array($scheme, ['http', 'https'], true) || !parse_url($url, PHP_URL_HOST))) {
            $errors['baseUrl'] = __(
                'The Proxmox base URL must be a full URL such as https://pve.example.com:8006.',
                'support-provisioning-portal'
            );
        } elseif ($settings['mode'] === SettingsStore::MODE_HTTP && $scheme !== 'https') {
            $errors['baseUrl'] = __(
                'HTTPS is required: in HTTP mode the Proxmox base URL must start with https://.',
                'support-provisioning-portal'
            );
        }
        if ($settings['tokenId'] !== '' && !preg_match(self::TOKEN_ID_PATTERN, $settings['tokenId'])) {
            $errors['tokenId'] = __(
                'The API token ID must look like user@realm!tokenname, for example portal@pve!provisioning.',
                'support-provisioning-portal'
            );
        }
        if (!preg_match(self::NODE_PATTERN, $settings['node'])) {
            $errors['node'] = __(
                'The node must be a Proxmox node name: letters, digits and inner hyphens, at most 63 characters.',
                'support-provisioning-portal'
            );
        }
        if ($settings['caCertificate'] !== '' && !self::isPemCertificates($settings['caCertificate'])) {
            $errors['caCertificate'] = __(
                'The CA certificate must be one or more PEM certificates (-----BEGIN CERTIFICATE----- …).',
                'support-provisioning-portal'
            );
        }
        return $errors;
    }

    /** Only PEM certificate blocks, each one readable by OpenSSL (so never a file:// path). */
    private static function isPemCertificates(string $pem): bool
    {
        $outside = trim((string) preg_replace(self::PEM_BLOCK, '', $pem));
        if (!preg_match_all(self::PEM_BLOCK, $pem, $blocks) || $outside !== '') {
            return false;
        }
        foreach ($blocks[0] as $block) {
            // OpenSSL warns on unreadable input; the false result is the answer we want.
            if (@openssl_x509_read($block) === false) {
                return false;
            }
        }
        return true;
    }

    /** @param array<string, string> $errors field => message */
    private static function invalid(array $errors): \WP_Error
    {
        return new \WP_Error('rest_invalid_param', implode(' ', $errors), ['status' => 400, 'params' => $errors]);
    }
}
