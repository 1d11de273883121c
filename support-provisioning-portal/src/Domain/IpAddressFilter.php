<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * Picks the addresses worth showing from the guest agent's `network-get-interfaces` result.
 */
final class IpAddressFilter
{
    /**
     * Drops loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10) and malformed
     * addresses, puts the interface whose MAC matches net0 first, and removes duplicates.
     * Addresses come back in canonical text form (e.g. IPv6 lower-cased and compressed).
     *
     * @param array<mixed> $interfaces the agent's `result` list, each entry shaped
     *        array{name?: string, hardware-address?: string,
     *              ip-addresses?: list<array{ip-address?: string, ip-address-type?: string, prefix?: int}>}
     *        (agent output is untrusted: entries of any other shape are skipped)
     * @param string|null $primaryMac net0's MAC address, compared case-insensitively
     * @return list<string>
     */
    public static function usableAddresses(array $interfaces, ?string $primaryMac = null): array
    {
        $addresses = [];
        foreach (self::primaryFirst($interfaces, $primaryMac) as $interface) {
            foreach (self::listOf($interface['ip-addresses'] ?? null) as $entry) {
                $address = self::usableAddress(is_array($entry) ? ($entry['ip-address'] ?? null) : null);
                if ($address !== null && !in_array($address, $addresses, true)) {
                    $addresses[] = $address;
                }
            }
        }
        return $addresses;
    }

    /**
     * @param array<mixed> $interfaces
     * @return list<array<mixed>>
     */
    private static function primaryFirst(array $interfaces, ?string $primaryMac): array
    {
        $primary = [];
        $others = [];
        foreach ($interfaces as $interface) {
            if (!is_array($interface)) {
                continue;
            }
            $mac = $interface['hardware-address'] ?? null;
            if ($primaryMac !== null && is_string($mac) && strcasecmp($mac, $primaryMac) === 0) {
                $primary[] = $interface;
            } else {
                $others[] = $interface;
            }
        }
        return array_merge($primary, $others);
    }

    /**
     * @return array<mixed>
     */
    private static function listOf(mixed $value): array
    {
        return is_array($value) ? $value : [];
    }

    private static function usableAddress(mixed $text): ?string
    {
        $binary = is_string($text) ? inet_pton($text) : false;
        if ($binary === false || self::isLoopbackOrLinkLocal($binary)) {
            return null;
        }
        return (string) inet_ntop($binary);
    }

    private static function isLoopbackOrLinkLocal(string $binary): bool
    {
        if (strlen($binary) === 4) {
            return $binary[0] === "\x7f"
                || ($binary[0] === "\xa9" && $binary[1] === "\xfe");
        }
        return $binary === str_repeat("\0", 15) . "\x01"
            || ($binary[0] === "\xfe" && (ord($binary[1]) & 0xc0) === 0x80);
    }
}
