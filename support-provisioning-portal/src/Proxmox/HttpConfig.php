<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Where and as whom the HTTP adapter talks to Proxmox. Holds the token secret, so it is never
 * logged or serialised: var_dump() and print_r() show it masked, stack traces leave it out, and
 * redact() scrubs it from any text that might reach an admin.
 */
final class HttpConfig
{
    private const API_PATH = '/api2/json';

    public function __construct(
        public readonly string $baseUrl,
        public readonly string $tokenId,
        #[\SensitiveParameter] public readonly string $tokenSecret,
        public readonly string $node,
        public readonly string $caCertificate = '',
    ) {
    }

    /** @param array{baseUrl: string, tokenId: string, node: string, caCertificate: string} $settings */
    public static function fromSettings(array $settings, #[\SensitiveParameter] string $tokenSecret): self
    {
        return new self(
            trim($settings['baseUrl']),
            trim($settings['tokenId']),
            trim($tokenSecret),
            trim($settings['node']),
            trim($settings['caCertificate'])
        );
    }

    /** Why no request can be made with this configuration, or null when it is usable. */
    public function problem(): ?string
    {
        $missing = array_keys(array_filter([
            __('base URL', 'support-provisioning-portal') => $this->baseUrl,
            __('API token ID', 'support-provisioning-portal') => $this->tokenId,
            __('API token secret', 'support-provisioning-portal') => $this->tokenSecret,
            __('node', 'support-provisioning-portal') => $this->node,
        ], static fn (string $value): bool => $value === ''));
        if ($missing !== []) {
            /* translators: %s: comma-separated names of the empty settings */
            $message = __('Missing Proxmox HTTP configuration: %s', 'support-provisioning-portal');
            return sprintf($message, implode(', ', $missing));
        }
        $scheme = strtolower((string) wp_parse_url($this->baseUrl, PHP_URL_SCHEME));
        if ($scheme !== 'https' || !wp_parse_url($this->baseUrl, PHP_URL_HOST)) {
            return __('HTTP mode requires an https:// base URL', 'support-provisioning-portal');
        }
        return null;
    }

    /** The API root: the base URL plus /api2/json (accepted with or without it). */
    public function apiUrl(): string
    {
        $base = rtrim($this->baseUrl, '/');
        return str_ends_with($base, self::API_PATH) ? $base : $base . self::API_PATH;
    }

    /** host:port, for messages. */
    public function endpoint(): string
    {
        $host = (string) wp_parse_url($this->baseUrl, PHP_URL_HOST);
        $port = wp_parse_url($this->baseUrl, PHP_URL_PORT);
        return $port === null || $port === false ? $host : "{$host}:{$port}";
    }

    public function authorization(): string
    {
        return "PVEAPIToken={$this->tokenId}={$this->tokenSecret}";
    }

    public function redact(string $text): string
    {
        return $this->tokenSecret === '' ? $text : str_replace($this->tokenSecret, '***', $text);
    }

    /** @return array<string, string> what var_dump() and print_r() show: everything but the secret */
    public function __debugInfo(): array
    {
        return [
            'baseUrl' => $this->baseUrl,
            'tokenId' => $this->tokenId,
            'tokenSecret' => $this->tokenSecret === '' ? '' : '***',
            'node' => $this->node,
            'caCertificate' => $this->caCertificate,
        ];
    }
}
