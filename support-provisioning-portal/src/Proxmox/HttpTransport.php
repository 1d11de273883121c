<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Proxmox;

/**
 * One Proxmox API call through wp_remote_request(): token header, form-encoded parameters,
 * verified TLS, the `data` of the answer back or a ProxmoxError.
 */
final class HttpTransport
{
    private const TIMEOUT_SECONDS = 10;

    public function __construct(private readonly HttpConfig $config)
    {
    }

    /**
     * @param string $path below /api2/json, with path segments already URL-encoded
     * @param array<string, scalar> $params query string for GET/DELETE, form body for POST/PUT
     */
    public function request(string $method, string $path, array $params = []): mixed
    {
        $problem = $this->config->problem();
        if ($problem !== null) {
            throw new ProxmoxError($problem);
        }
        $url = $this->config->apiUrl() . $path;
        $args = [
            'method' => $method,
            'timeout' => self::TIMEOUT_SECONDS,
            'httpversion' => '1.1',
            // A redirect could carry the token to another host.
            'redirection' => 0,
            'sslverify' => true,
            'headers' => ['Authorization' => $this->config->authorization(), 'Accept' => 'application/json'],
        ];
        $query = self::encode($params);
        if ($method === 'GET' || $method === 'DELETE') {
            $url .= $query === '' ? '' : '?' . $query;
        } else {
            $args['body'] = $query;
            $args['headers']['Content-Type'] = 'application/x-www-form-urlencoded';
        }
        try {
            return $this->data($this->send($url, $args));
        } catch (ProxmoxError $error) {
            $redacted = $this->config->redact($error->getMessage());
            throw $redacted === $error->getMessage() ? $error : new ProxmoxError($redacted, $error->getCode());
        }
    }

    /**
     * wp_remote_request(), with the configured CA handed to cURL in memory: no file to write,
     * share or clean up, and it replaces WordPress's CA bundle, so only this CA is trusted.
     *
     * @param array<string, mixed> $args
     * @return array<string, mixed>|\WP_Error
     */
    private function send(string $url, array $args): array|\WP_Error
    {
        $pem = $this->config->caCertificate;
        if ($pem === '') {
            return wp_remote_request($url, $args);
        }
        if (!defined('CURLOPT_CAINFO_BLOB')) {
            throw new ProxmoxError(__(
                'TLS error talking to Proxmox: a custom CA certificate needs PHP 8.1 or newer with cURL 7.77 or newer.',
                'support-provisioning-portal'
            ), ProxmoxError::TLS_FAILED);
        }
        $trustOnlyThisCa = static function ($handle) use ($pem): void {
            // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- WordPress's own handle, in http_api_curl: its HTTP API has no option for an in-memory CA
            curl_setopt($handle, CURLOPT_CAINFO_BLOB, $pem);
        };
        add_action('http_api_curl', $trustOnlyThisCa, PHP_INT_MAX);
        try {
            return wp_remote_request($url, $args);
        } finally {
            remove_action('http_api_curl', $trustOnlyThisCa, PHP_INT_MAX);
        }
    }

    /** @param array<string, mixed>|\WP_Error $response */
    private function data(array|\WP_Error $response): mixed
    {
        if ($response instanceof \WP_Error) {
            throw HttpFailure::transport($response, $this->config->endpoint());
        }
        $status = (int) wp_remote_retrieve_response_code($response);
        $body = json_decode((string) wp_remote_retrieve_body($response), true);
        if ($status < 200 || $status > 299) {
            throw HttpFailure::status($status, self::reasonPhrase($response), $body);
        }
        if (!is_array($body) || !array_key_exists('data', $body)) {
            throw new ProxmoxError(sprintf(
                /* translators: %d: HTTP status */
                __(
                    'Proxmox answered HTTP %d without JSON data: is the base URL a Proxmox VE server?',
                    'support-provisioning-portal'
                ),
                $status
            ));
        }
        return $body['data'];
    }

    /**
     * The server's own reason phrase (Proxmox puts its error message there). WordPress replaces it
     * with the standard text, so it is read from the raw status line.
     *
     * @param array<string, mixed> $response
     */
    private static function reasonPhrase(array $response): string
    {
        $raw = $response['http_response'] ?? null;
        $raw = $raw instanceof \WP_HTTP_Requests_Response ? (string) $raw->get_response_object()->raw : '';
        if (preg_match('#^HTTP/\S+\s+\d{3}[ \t]*([^\r\n]*)#', $raw, $m)) {
            return $m[1];
        }
        return (string) wp_remote_retrieve_response_message($response);
    }

    /** @param array<string, scalar> $params */
    private static function encode(array $params): string
    {
        // Proxmox rejects the word "true": booleans go as 0/1.
        $fields = array_map(
            static fn (mixed $value): string => is_bool($value) ? ($value ? '1' : '0') : (string) $value,
            $params
        );
        return http_build_query($fields, '', '&', PHP_QUERY_RFC3986);
    }
}
