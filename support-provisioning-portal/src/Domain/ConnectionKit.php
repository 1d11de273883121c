<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * A template's connection profile applied to a deployment's addresses: the ready SSH commands,
 * the RDP targets, the web links and the notes. IPv4 addresses come first, IPv6 after them.
 */
final class ConnectionKit
{
    /**
     * @param list<string> $addresses the deployment's usable IP addresses
     * @return array{addresses: list<string>, entries: list<array<string, mixed>>}|null null until an address is known
     */
    public static function resolve(ConnectionProfile $profile, array $addresses): ?array
    {
        // A VM without addresses (stopped, or still booting) is the common case of a list's rows.
        if ($addresses === []) {
            return null;
        }
        $ordered = self::ipv4First($addresses);
        if ($ordered === []) {
            return null;
        }
        $entries = [];
        foreach ($profile->entries as $index => $entry) {
            $entries[] = $entry['kind'] === ConnectionProfile::KIND_NOTE
                ? $entry
                : ['index' => $index] + $entry + ['targets' => array_map(
                    static fn (string $address): array => self::target($entry, $address),
                    $ordered
                )];
        }
        return ['addresses' => $ordered, 'entries' => $entries];
    }

    /**
     * @param list<string> $addresses
     * @return list<string>
     */
    public static function ipv4First(array $addresses): array
    {
        $valid = array_values(array_filter($addresses, static fn (string $a): bool => filter_var($a, FILTER_VALIDATE_IP) !== false));
        $v4 = array_filter($valid, static fn (string $a): bool => self::family($a) === 4);
        return [...array_values($v4), ...array_values(array_diff($valid, $v4))];
    }

    public static function family(string $address): int
    {
        return filter_var($address, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4) !== false ? 4 : 6;
    }

    /** The address as a URL or RDP host: IPv6 in brackets. */
    public static function host(string $address): string
    {
        return self::family($address) === 6 ? "[{$address}]" : $address;
    }

    /**
     * @param array<string, string|int> $entry
     * @return array<string, string|int>
     */
    private static function target(array $entry, string $address): array
    {
        $target = ['address' => $address, 'family' => self::family($address)];
        $port = (int) $entry['port'];
        return $target + match ($entry['kind']) {
            ConnectionProfile::KIND_SSH => ['command' => sprintf(
                'ssh -p %d %s%s',
                $port,
                $entry['user'] === '' ? '' : $entry['user'] . '@',
                $address
            )],
            ConnectionProfile::KIND_RDP => ['fullAddress' => self::host($address) . ':' . $port],
            default => ['url' => self::webUrl((string) $entry['scheme'], $address, $port, (string) $entry['path'])],
        };
    }

    private static function webUrl(string $scheme, string $address, int $port, string $path): string
    {
        $defaultPort = $scheme === 'https' ? 443 : 80;
        return $scheme . '://' . self::host($address) . ($port === $defaultPort ? '' : ':' . $port) . $path;
    }
}
