<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Settings;

/**
 * Where the token secret would be sent, and to whom it is presented: the base URL's scheme, host
 * and port, the token ID, and the CA that decides which server is trusted. The saved secret may
 * only go to the saved destination; any other one needs the secret in the same request.
 */
final class SecretDestination
{
    private const DEFAULT_PORTS = ['https' => 443, 'http' => 80];

    private function __construct(
        private readonly string $scheme,
        private readonly string $host,
        private readonly ?int $port,
        private readonly string $tokenId,
        private readonly string $caCertificate,
    ) {
    }

    /** @param array{baseUrl: string, tokenId: string, caCertificate: string} $settings */
    public static function of(array $settings): self
    {
        $url = wp_parse_url(trim($settings['baseUrl']));
        $url = is_array($url) ? $url : [];
        $scheme = strtolower((string) ($url['scheme'] ?? ''));
        return new self(
            $scheme,
            strtolower((string) ($url['host'] ?? '')),
            isset($url['port']) ? (int) $url['port'] : (self::DEFAULT_PORTS[$scheme] ?? null),
            trim($settings['tokenId']),
            trim($settings['caCertificate'])
        );
    }

    /**
     * The parts that differ from another destination, by setting name.
     *
     * @return list<string>
     */
    public function changedFrom(self $other): array
    {
        $changed = [];
        if ([$this->scheme, $this->host, $this->port] !== [$other->scheme, $other->host, $other->port]) {
            $changed[] = 'baseUrl';
        }
        if ($this->tokenId !== $other->tokenId) {
            $changed[] = 'tokenId';
        }
        if ($this->caCertificate !== $other->caCertificate) {
            $changed[] = 'caCertificate';
        }
        return $changed;
    }

    /** scheme://host:port, for the audit log; '' when no base URL is set. */
    public function target(): string
    {
        if ($this->host === '') {
            return '';
        }
        // wp_parse_url() keeps the brackets of an IPv6 host, so this is a valid URL again.
        return sprintf('%s://%s%s', $this->scheme, $this->host, $this->port === null ? '' : ':' . $this->port);
    }
}
