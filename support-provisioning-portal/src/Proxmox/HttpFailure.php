<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Turns a failed Proxmox call into a ProxmoxError an admin can act on. Messages keep the HTTP
 * status and Proxmox's own reason; the caller redacts the token secret from them.
 */
final class HttpFailure
{
    /** cURL errors about the certificate or the TLS handshake. */
    private const TLS_ERRORS = [35, 51, 53, 54, 58, 59, 60, 64, 66, 80, 82, 83, 90, 91];
    private const CURL_CA_FILE = 77;
    private const CURL_TIMEOUT = 28;
    private const CURL_UNRESOLVED = 6;
    private const CURL_REFUSED = 7;
    private const CURL_EMPTY_REPLY = 52;
    private const CURL_RESET = [55, 56];
    private const VM_MISSING = "/Configuration file 'nodes\/[^\/']+\/qemu-server\/\d+\.conf' does not exist"
        . '|unable to find configuration file for VM \d+/';
    private const VMID_TAKEN = '/unable to create VM \d+: config file already exists/';

    /** wp_remote_request() got no HTTP answer. */
    public static function transport(\WP_Error $error, string $endpoint): ProxmoxError
    {
        if ($error->get_error_code() === 'http_request_not_executed') {
            return new ProxmoxError(sprintf(
                /* translators: %s: host:port */
                __(
                    'WordPress blocks requests to Proxmox at %s (WP_HTTP_BLOCK_EXTERNAL): see WP_ACCESSIBLE_HOSTS.',
                    'support-provisioning-portal'
                ),
                $endpoint
            ), ProxmoxError::UNREACHABLE);
        }
        $detail = $error->get_error_message();
        $curl = preg_match('/cURL error (\d+)/', $detail, $m) ? (int) $m[1] : 0;
        [$summary, $code] = self::describe($curl, $detail, $endpoint);
        return new ProxmoxError("{$summary} ({$detail})", $code);
    }

    /** Proxmox answered with an error status. */
    public static function status(int $status, string $reason, mixed $body): ProxmoxError
    {
        $text = self::reasonText($reason, is_array($body) ? $body : []);
        $message = sprintf('Proxmox request failed with HTTP %d', $status) . ($text === '' ? '' : ": {$text}");
        if ($status === 401) {
            return new ProxmoxError(sprintf(
                /* translators: %s: Proxmox's answer, "Proxmox request failed with HTTP 401: …" */
                __('%s — check the API token ID and secret.', 'support-provisioning-portal'),
                $message
            ), ProxmoxError::AUTH_FAILED);
        }
        $code = match (true) {
            // pveproxy's proxy passes AnyEvent::HTTP's 595 on when the node does not answer.
            $status === 595 => ProxmoxError::NODE_UNREACHABLE,
            (bool) preg_match(self::VMID_TAKEN, $text) => ProxmoxError::VMID_TAKEN,
            (bool) preg_match(self::VM_MISSING, $text) => ProxmoxError::VM_MISSING,
            default => 0,
        };
        return new ProxmoxError($message, $code);
    }

    /** @return array{string, int} message and ProxmoxError code */
    private static function describe(int $curl, string $detail, string $endpoint): array
    {
        $reset = $curl === self::CURL_EMPTY_REPLY || in_array($curl, self::CURL_RESET, true)
            || (bool) preg_match('/reset|closed/i', $detail);
        if ($curl === self::CURL_CA_FILE || (in_array($curl, self::TLS_ERRORS, true) && !$reset)) {
            /* translators: %s: what is wrong with the certificate */
            $tls = __('TLS error talking to Proxmox: %s', 'support-provisioning-portal');
            return [sprintf($tls, self::certificateProblem($curl, $detail)), ProxmoxError::TLS_FAILED];
        }
        $message = match (true) {
            /* translators: %s: host:port */
            $curl === self::CURL_TIMEOUT => __(
                'Proxmox at %s did not answer in time (timeout).',
                'support-provisioning-portal'
            ),
            /* translators: %s: host:port */
            $curl === self::CURL_UNRESOLVED => __(
                'Could not resolve the Proxmox host %s.',
                'support-provisioning-portal'
            ),
            /* translators: %s: host:port */
            $curl === self::CURL_REFUSED => __(
                'Could not connect to Proxmox at %s: connection refused or host unreachable.',
                'support-provisioning-portal'
            ),
            /* translators: %s: host:port */
            $reset => __(
                'The connection to Proxmox at %s was reset before it answered.',
                'support-provisioning-portal'
            ),
            /* translators: %s: host:port */
            default => __('Could not talk to Proxmox at %s.', 'support-provisioning-portal'),
        };
        return [sprintf($message, $endpoint), ProxmoxError::UNREACHABLE];
    }

    private static function certificateProblem(int $curl, string $detail): string
    {
        return match (true) {
            $curl === self::CURL_CA_FILE => __(
                'the CA certificate could not be used (check the CA certificate setting).',
                'support-provisioning-portal'
            ),
            (bool) preg_match('/subject name|does not match|hostname/i', $detail) => __(
                'the certificate does not name the host of the base URL.',
                'support-provisioning-portal'
            ),
            default => __(
                'the certificate is not trusted (set the CA certificate setting to the CA that signed it).',
                'support-provisioning-portal'
            ),
        };
    }

    /**
     * The reason phrase, plus the body's message and per-parameter errors when they add something
     * (servers before 2025 send no message, so the reason phrase may be all there is).
     *
     * @param array<mixed> $body
     */
    private static function reasonText(string $reason, array $body): string
    {
        $parts = [trim($reason)];
        $message = is_string($body['message'] ?? null) ? $body['message'] : '';
        $message = trim((string) preg_replace('/\s*\n\s*/', ' ', $message));
        if ($message !== '' && !str_starts_with($parts[0], $message)) {
            $parts = str_starts_with($message, $parts[0]) ? [$message] : [...$parts, $message];
        }
        foreach (is_array($body['errors'] ?? null) ? $body['errors'] : [] as $param => $text) {
            $parts[] = sprintf('%s: %s', $param, trim(is_scalar($text) ? (string) $text : ''));
        }
        return implode(' ', array_filter($parts, static fn (string $part): bool => $part !== ''));
    }
}
