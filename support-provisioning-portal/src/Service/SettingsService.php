<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Proxmox\ClientFactory;
use SupportProvisioningPortal\Proxmox\ConnectionCheck;
use SupportProvisioningPortal\Proxmox\ProxmoxError;
use SupportProvisioningPortal\Settings\SecretDestination;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\TemplateStore;

/**
 * Reads, validates and saves the portal settings, and tests a Proxmox connection with them.
 * The token secret is write-only: it goes in, sealed, and never comes back out.
 */
final class SettingsService
{
    private const SECRET_FIELD = 'tokenSecret';
    public const MAX_SNAPSHOT_LIMIT = 20;

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
    public static function update(#[\SensitiveParameter] array $input): array|\WP_Error
    {
        $current = self::current();
        $next = self::merge($current, $input);
        $secret = self::postedSecret($input);
        $invalid = self::validate($next, $secret);
        if ($invalid !== []) {
            return self::invalid($invalid);
        }
        $refusal = self::secretRequired($current, $next, $secret, true);
        if ($refusal !== null) {
            return $refusal;
        }
        $changed = array_keys(array_filter(
            $next,
            static fn (mixed $value, string $field): bool => $value !== $current[$field],
            ARRAY_FILTER_USE_BOTH
        ));
        SettingsStore::update($next);
        SettingsStore::setDeleteDataOnUninstall($next['deleteDataOnUninstall']);
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
    public static function testConnection(#[\SensitiveParameter] array $input): array|\WP_Error
    {
        $current = self::current();
        $settings = self::merge($current, $input);
        $secret = self::postedSecret($input);
        $invalid = self::validate($settings, $secret);
        if ($invalid !== []) {
            return self::invalid($invalid);
        }
        $refusal = self::secretRequired($current, $settings, $secret, false);
        if ($refusal !== null) {
            return $refusal;
        }
        try {
            $secret = $secret !== '' ? $secret : SettingsStore::tokenSecret();
            $checks = ClientFactory::fromSettings($settings, $secret)->testConnection(self::approvedTemplates($settings['node']), self::snapshotsEnabled($settings['snapshotLimit']));
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
     * Where a request's settings would send the token secret (scheme://host:port), for the audit
     * log; never the secret itself.
     *
     * @param array<string, mixed> $input
     */
    public static function target(#[\SensitiveParameter] array $input): string
    {
        return SecretDestination::of(self::merge(self::current(), $input))->target();
    }

    /**
     * @return array{mode: string, baseUrl: string, tokenId: string, node: string, caCertificate: string,
     *     defaultUserRamLimitMb: int, globalRamLimitMb: int, defaultUserVmLimit: int, snapshotLimit: int, deleteDataOnUninstall: bool}
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

    /**
     * The approved templates' VMIDs on the node under test (a template row without a node lives
     * on the configured one): the connection test checks what cloning them needs.
     *
     * @return list<int>
     */
    private static function approvedTemplates(string $node): array
    {
        $onNode = array_filter(
            TemplateStore::all(false),
            static fn (array $template): bool => in_array($template['node'], ['', $node], true)
        );
        return array_values(array_unique(array_map(static fn (array $template): int => (int) $template['proxmox_vmid'], $onNode)));
    }

    /** Users may take snapshots, or an approved template takes a baseline: the token needs VM.Snapshot(.Rollback). */
    private static function snapshotsEnabled(int $limit): bool
    {
        $baselines = array_filter(TemplateStore::all(false), static fn (array $template): bool => $template['baseline_snapshot'] === 1);
        return $limit > 0 || $baselines !== [];
    }

    /** @param array<string, mixed> $input */
    private static function postedSecret(#[\SensitiveParameter] array $input): string
    {
        return trim((string) ($input[self::SECRET_FIELD] ?? ''));
    }

    /**
     * The saved secret goes only where it was saved for: a request that changes the host, the
     * token ID or the CA must bring the secret itself. When saving under SPP_PROXMOX_TOKEN_SECRET,
     * the constant is what will be sent, so the request must bring that very secret.
     *
     * @param array<string, mixed> $current
     * @param array<string, mixed> $next
     */
    private static function secretRequired(
        array $current,
        array $next,
        #[\SensitiveParameter] string $posted,
        bool $saving
    ): ?\WP_Error {
        $changed = SecretDestination::of($next)->changedFrom(SecretDestination::of($current));
        $saved = SettingsStore::tokenSecret();
        if ($changed === [] || $saved === '') {
            return null;
        }
        $constant = $saving && SettingsStore::tokenSecretFromConstant();
        if ($posted !== '' && !($constant && !hash_equals($saved, $posted))) {
            return null;
        }
        $message = $constant
            ? __(
                'Enter the token secret defined in wp-config.php (SPP_PROXMOX_TOKEN_SECRET) to change the Proxmox host, token ID or CA certificate.',
                'support-provisioning-portal'
            )
            : __(
                'Enter the token secret again: the saved secret is only sent to the saved Proxmox host with the saved token ID and CA certificate.',
                'support-provisioning-portal'
            );
        $code = ErrorCode::TOKEN_SECRET_REQUIRED;
        return new \WP_Error($code->value, $message, [
            'status' => $code->httpStatus(),
            'params' => [self::SECRET_FIELD => $message],
            'changed' => $changed,
        ]);
    }

    /**
     * Checks the merged settings as a whole, so a rule spanning fields (HTTPS in HTTP mode) holds
     * whichever of them the request changed.
     *
     * @param array<string, mixed> $settings
     * @return array<string, string> field => message
     */
    private static function validate(array $settings, #[\SensitiveParameter] string $secret): array
    {
        $errors = [];
        if (preg_match('/[\x00-\x1F\x7F]/', $secret)) {
            $errors[self::SECRET_FIELD] = __(
                'The API token secret must not contain control characters such as line breaks or tabs.',
                'support-provisioning-portal'
            );
        }
        $url = $settings['baseUrl'];
        $scheme = strtolower((string) wp_parse_url($url, PHP_URL_SCHEME));
        // No user info, backslash, query, fragment or white space: URL parsers disagree on where
        // the host of such URLs is, and the secret must go to the host this check saw.
        $plain = !preg_match('~[@\\\\?#\s]~', $url);
        if ($url !== '' && (!$plain || !in_array($scheme, ['http', 'https'], true) || !wp_parse_url($url, PHP_URL_HOST))) {
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
        $errors += PlacementSettings::errors($settings);
        foreach (['defaultUserRamLimitMb', 'globalRamLimitMb', 'defaultUserVmLimit'] as $limit) {
            if ($settings[$limit] < 0 || $settings[$limit] > QuotaPolicy::MAX_LIMIT) {
                /* translators: %d: the largest limit */
                $errors[$limit] = sprintf(__('A limit must be between 0 (unlimited) and %d.', 'support-provisioning-portal'), QuotaPolicy::MAX_LIMIT);
            }
        }
        if ($settings['snapshotLimit'] < 0 || $settings['snapshotLimit'] > self::MAX_SNAPSHOT_LIMIT) {
            /* translators: %d: the largest snapshot limit */
            $errors['snapshotLimit'] = sprintf(__('The snapshot limit must be between 0 (no user snapshots) and %d.', 'support-provisioning-portal'), self::MAX_SNAPSHOT_LIMIT);
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
        // OpenSSL warns on unreadable input; the false result is the answer we want.
        // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- not debugging: mutes that warning
        set_error_handler(static fn (): bool => true, E_WARNING);
        try {
            foreach ($blocks[0] as $block) {
                if (openssl_x509_read($block) === false) {
                    return false;
                }
            }
        } finally {
            restore_error_handler();
        }
        return true;
    }

    /** @param array<string, string> $errors field => message */
    private static function invalid(array $errors): \WP_Error
    {
        return new \WP_Error('rest_invalid_param', implode(' ', $errors), ['status' => 400, 'params' => $errors]);
    }
}
